// Downloads of 导入邀请: the template (anyone) and a record's failure report (a signed link bound to one user).
import { invitationFiles } from './records.ts';

export const invitationImportRoutes = invitationFiles.routes;
