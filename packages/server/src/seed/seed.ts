import { requiredAccessMaterials } from '@leqi/domain';
import { hashPassword } from '../platform/auth/passwords.ts';
import type { Db } from '../platform/db/database.ts';
import type { FileStore } from '../platform/files/store.ts';
import type { QueueConfig } from '../platform/queue-config.ts';
import { SHENLIAN_CONFIRMED_AGE, seedApplication, seedFillerApplications } from './access-applications.ts';
import { AUTHORITIES, DEMO_PASSWORD, DEMO_USERNAMES, ENTERPRISES, OFFICERS, PROVINCE_RULES } from './demo-data.ts';
import { seedExitsAndSubscriptions } from './exits-and-subscriptions.ts';
import { seedShenlianInvitations } from './invitations.ts';
import { onePagePdf } from './sample-pdf.ts';
import { SeedEvents, type SeedStory, SeedTimeline } from './timeline.ts';

const SAMPLE_PDF = onePagePdf('Leqi self-use demo material (sample)');

export async function isSeeded(db: Db): Promise<boolean> {
  return (await db.taxAuthority.count()) > 0;
}

/**
 * Seeds the demo data of DESIGN §6 into an empty database, in one transaction. Its cases happened over the working
 * days before `now`, counted in the deployment's working calendar and due limits (`queue`), so the officers' queues
 * show fresh, due-soon and overdue cases as they count them.
 */
export async function seedDemoData(db: Db, files: FileStore, queue: QueueConfig, now = new Date()): Promise<void> {
  const story: SeedStory = { timeline: new SeedTimeline(now, queue), events: new SeedEvents() };
  const passwordHashes = await Promise.all(
    DEMO_USERNAMES.map(async (username) => [username, await hashPassword(DEMO_PASSWORD)] as const),
  );
  const hashOf = new Map(passwordHashes);
  const sha256 = files.put(SAMPLE_PDF);

  await db.$transaction(
    async (tx) => {
      for (const authority of AUTHORITIES) await tx.taxAuthority.create({ data: { ...authority } });
      await tx.provinceRule.createMany({ data: PROVINCE_RULES });
      const users = new Map<string, { id: string; displayName: string; role: string }>();
      const enterpriseIds = new Map<string, string>();
      for (const [key, facts] of Object.entries(ENTERPRISES)) {
        const enterprise = await tx.enterprise.create({
          data: {
            uscc: facts.uscc,
            name: facts.name,
            competentAuthorityCode: facts.authority,
            creditRating: facts.credit,
            inPilot: facts.inPilot ?? true,
            livelihoodIndustry: facts.livelihood ?? false,
            priorYearRevenue: facts.revenue,
            invoiceCount12m: facts.invoices,
            invoiceAmount12m: facts.amount,
          },
        });
        enterpriseIds.set(key, enterprise.id);
        for (const [username, identityType, person] of facts.users) {
          const user = await tx.user.create({
            data: {
              username,
              passwordHash: hashOf.get(username) as string,
              // a person, not the company again: the header and the audit trail name the company and the identity
              displayName: person,
              role: 'ENTERPRISE',
              identityType,
              enterpriseId: enterprise.id,
            },
          });
          users.set(username, user);
        }
      }
      for (const [username, displayName, authorityCode] of OFFICERS) {
        users.set(
          username,
          await tx.user.create({
            data: {
              username,
              passwordHash: hashOf.get(username) as string,
              displayName,
              role: 'OFFICER',
              authorityCode,
            },
          }),
        );
      }
      await tx.user.create({
        data: {
          username: 'platform.admin',
          passwordHash: hashOf.get('platform.admin') as string,
          displayName: '平台管理员',
          role: 'ADMIN',
        },
      });

      const materials = new Map<string, string>();
      for (const kind of requiredAccessMaterials({ builtByThirdParty: false })) {
        const material = await tx.material.create({
          data: {
            sha256,
            kind,
            fileName: `${kind.toLowerCase()}.pdf`,
            mimeType: 'application/pdf',
            size: SAMPLE_PDF.length,
            uploadedById: 'seed',
            createdAt: story.timeline.earliest,
          },
        });
        materials.set(kind, material.id);
      }

      await seedFillerApplications(tx, story, users, materials);
      const shenlian = await tx.enterprise.findUniqueOrThrow({ where: { id: enterpriseIds.get('sl') as string } });
      await seedApplication(
        tx,
        story,
        shenlian,
        'CONFIRMED',
        SHENLIAN_CONFIRMED_AGE,
        ['pd.officer1', 'pd.officer2', 'sh.confirmer'],
        users,
        materials,
        'sl.legal',
      );
      await seedShenlianInvitations(tx, story, enterpriseIds, users, sha256, SAMPLE_PDF.length);
      await seedExitsAndSubscriptions(tx, story, users, sha256, SAMPLE_PDF.length);
      // last, every case's events in the order they happened (the cases are written: the events name them)
      await story.events.append(tx);
    },
    { timeout: 120_000, maxWait: 20_000 },
  );
}
