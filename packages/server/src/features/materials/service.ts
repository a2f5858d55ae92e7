import {
  domainError,
  err,
  MATERIAL_KINDS,
  type MaterialKind,
  missingMaterials,
  ok,
  type Result,
  stripHiddenCharacters,
} from '@leqi/domain';
import type { Material } from '../../generated/prisma/client.ts';
import type { UploadedFile } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { newId } from '../../platform/db/bulk.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { Refusal } from '../../platform/db/transaction.ts';
import { sniffFileType } from '../../platform/files/sniff.ts';

const MAX_FILE_NAME = 200;

function safeFileName(name: string): string {
  // keep only the last path segment and drop hidden characters (cleaned, not refused: the name comes from the
  // uploader's file system, and the content is what matters); the name is shown, never used as a path
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = stripHiddenCharacters(base).trim();
  return (cleaned || 'file').slice(0, MAX_FILE_NAME);
}

/** 上传材料: the type is decided by the content; the bytes are stored once per content. */
export async function uploadMaterial(
  app: AppServices,
  viewer: Viewer,
  file: UploadedFile,
  kind: string,
): Promise<Result<Material>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE' && actor.role !== 'API_CLIENT') return err(domainError('FORBIDDEN'));
  // a third-party client uploads the relationship proof of the invitations it sends, nothing else
  if (actor.role === 'API_CLIENT' && kind !== 'RELATIONSHIP_PROOF') return err(domainError('FORBIDDEN'));
  if (!(MATERIAL_KINDS as readonly string[]).includes(kind)) {
    return err(domainError('VALIDATION_FAILED', {}, [{ field: 'kind', code: 'INVALID_FORMAT' }]));
  }
  if (file.size === 0) return err(domainError('VALIDATION_FAILED', {}, [{ field: 'file', code: 'REQUIRED' }]));
  if (file.size > app.config.maxUploadBytes) {
    const maxMb = Math.round(app.config.maxUploadBytes / 1024 / 1024);
    return err(
      domainError('LIMIT_EXCEEDED', { maxMb }, [
        { field: 'file', code: 'OUT_OF_RANGE', params: { max: `${maxMb} MB` } },
      ]),
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffFileType(bytes);
  if (!type) return err(domainError('VALIDATION_FAILED', {}, [{ field: 'file', code: 'UNSUPPORTED_FILE_TYPE' }]));
  const sha256 = app.files.put(bytes);
  const material = await app.db.material.create({
    data: {
      sha256,
      kind,
      fileName: safeFileName(file.name),
      mimeType: type.mimeType,
      size: bytes.byteLength,
      enterpriseId: actor.enterpriseId,
      uploadedById: viewer.userId,
    },
  });
  return ok(material);
}

/**
 * Attaches materials of the enterprise to a case; with `replace`, the given set becomes the whole set. One statement:
 * it finds the materials (of the enterprise, when given) and changes the case's set only if it found every one.
 */
export async function attachMaterials(
  tx: Tx,
  caseKind: string,
  caseId: string,
  materialIds: string[],
  options: { replace?: boolean; enterpriseId?: string } = {},
): Promise<Result<number>> {
  const ids = [...new Set(materialIds)];
  const rowIds = ids.map(() => newId());
  const found = await tx.$queryRaw<{ id: string }[]>`
    WITH wanted AS (
      SELECT m.id, m.kind, given.ordinal, given."rowId"
      FROM unnest(${ids}::text[], ${rowIds}::text[]) WITH ORDINALITY AS given("materialId", "rowId", ordinal)
      JOIN "Material" m ON m.id = given."materialId"
      WHERE ${options.enterpriseId ?? null}::text IS NULL OR m."enterpriseId" = ${options.enterpriseId ?? null}::text
    ), complete AS (
      SELECT count(*) = ${ids.length} AS every FROM wanted
    ), removed AS (
      DELETE FROM "CaseMaterial"
      WHERE ${options.replace ?? false}::boolean AND (SELECT every FROM complete)
        AND "caseKind" = ${caseKind} AND "caseId" = ${caseId} AND NOT ("materialId" = ANY(${ids}::text[]))
    ), added AS (
      INSERT INTO "CaseMaterial" ("id", "caseKind", "caseId", "materialId", "kind")
      SELECT wanted."rowId", ${caseKind}, ${caseId}, wanted.id, wanted.kind FROM wanted
      WHERE (SELECT every FROM complete)
      ORDER BY wanted.ordinal
      ON CONFLICT ("caseKind", "caseId", "materialId") DO NOTHING
    )
    SELECT id FROM wanted`;
  const foundIds = new Set(found.map((material) => material.id));
  const foreign = ids.filter((id) => !foundIds.has(id));
  if (foreign.length > 0) {
    return err(
      domainError(
        'VALIDATION_FAILED',
        {},
        foreign.map((id) => ({ field: `materialIds.${ids.indexOf(id)}`, code: 'NOT_FOUND' })),
      ),
    );
  }
  return ok(ids.length);
}

/** Refuses (MATERIALS_MISSING, an issue per kind) unless the case has a material of every `required` kind. */
export async function requireMaterials(tx: Tx, caseKind: string, caseId: string, required: MaterialKind[]) {
  const rows = await tx.caseMaterial.findMany({ where: { caseKind, caseId }, select: { kind: true } });
  const missing = missingMaterials(
    required,
    rows.map((row) => row.kind as MaterialKind),
  );
  if (missing.length === 0) return;
  const issues = missing.map((kind) => ({ field: `materials.${kind}`, code: 'REQUIRED' as const }));
  throw new Refusal(domainError('MATERIALS_MISSING', { kinds: missing.join(',') }, issues));
}

export async function materialsOf(db: Db, caseKind: string, caseId: string): Promise<Material[]> {
  const rows = await db.caseMaterial.findMany({
    where: { caseKind, caseId },
    include: { material: true },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((row) => row.material);
}
