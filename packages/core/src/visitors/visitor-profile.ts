// The visitor profile: contact details agents edit, what the widget records
// (language, user agent, IP, page views with UTM), and tags.
import { normalizePhone } from '@parley/phone';
import { z } from 'zod';
import {
  and,
  asc,
  desc,
  eq,
  inArray,
  pageViews,
  sql,
  tags,
  visitors,
  visitorTags,
} from '@parley/db';
import { actorRef } from '../conversations/lifecycle.js';
import type { VisitorSummary } from '../conversations/records.js';
import { appendEvents } from '../events/append-events.js';
import { preparedQuery } from '../shared/prepared.js';
import type { NewEvent } from '../events/event-types.js';
import type { TagRecord } from '../tags/manage-tags.js';
import {
  requireScope,
  requireVisitor,
  requireWorkspaceActor,
  type Actor,
  type WorkspaceActor,
} from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { requirePermission } from '../shared/permissions.js';
import { inTransaction, type CoreDeps } from '../shared/transaction.js';
import { Id, validate } from '../shared/validate.js';

export interface VisitorProfileRecord extends VisitorSummary {
  language: string | null;
  userAgent: string | null;
  ip: string | null;
  lastSeenAt: Date | null;
}

export interface PageViewRecord {
  url: string;
  title: string | null;
  referrer: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  viewedAt: Date;
}

const profileColumns = {
  id: visitors.id,
  name: visitors.name,
  email: visitors.email,
  phone: visitors.phone,
  language: visitors.language,
  userAgent: visitors.userAgent,
  ip: visitors.ip,
  lastSeenAt: visitors.lastSeenAt,
};

/**
 * The workspace a viewer may read visitor profiles of: agents and tokens with
 * the read scope. A visitor never sees what agents recorded about them (tags,
 * address, user agent, page views), not even their own.
 */
function profileReader(actor: Actor | null): string | null {
  if (!actor || actor.kind === 'visitor') return null;
  requireScope(actor, 'read');
  return actor.workspaceId;
}

/** Profiles of visitors in the actor's workspace (batched for GraphQL loaders). */
export async function loadVisitorProfiles(
  deps: CoreDeps,
  actor: Actor | null,
  ids: readonly string[],
): Promise<VisitorProfileRecord[]> {
  const workspaceId = profileReader(actor);
  if (!workspaceId || ids.length === 0) return [];
  return deps.db
    .select(profileColumns)
    .from(visitors)
    .where(and(eq(visitors.workspaceId, workspaceId), inArray(visitors.id, [...ids])));
}

export async function loadVisitorTags(
  deps: CoreDeps,
  actor: Actor | null,
  visitorIds: readonly string[],
): Promise<Map<string, TagRecord[]>> {
  const result = new Map<string, TagRecord[]>(visitorIds.map((id) => [id, []]));
  const workspaceId = profileReader(actor);
  if (!workspaceId || visitorIds.length === 0) return result;
  // Every conversation list asks for its visitors' tags: built once.
  const query = preparedQuery(deps.db, 'visitor-tags', () =>
    deps.db
      .select({ visitorId: visitorTags.visitorId, id: tags.id, name: tags.name, color: tags.color })
      .from(visitorTags)
      .innerJoin(tags, eq(tags.id, visitorTags.tagId))
      .where(
        and(
          eq(visitorTags.workspaceId, sql.placeholder('workspace')),
          sql`${visitorTags.visitorId} = any(${sql.placeholder('visitors')}::uuid[])`,
        ),
      )
      .orderBy(asc(tags.name))
      .prepare('visitor_tags'),
  );
  const rows = await query.execute({ workspace: workspaceId, visitors: [...visitorIds] });
  for (const { visitorId, ...tag } of rows) result.get(visitorId)?.push(tag);
  return result;
}

export async function listPageViews(
  deps: CoreDeps,
  actor: Actor | null,
  visitorId: string,
  last: number,
): Promise<PageViewRecord[]> {
  const workspaceId = profileReader(actor);
  if (!workspaceId) return [];
  return deps.db
    .select({
      url: pageViews.url,
      title: pageViews.title,
      referrer: pageViews.referrer,
      utmSource: pageViews.utmSource,
      utmMedium: pageViews.utmMedium,
      utmCampaign: pageViews.utmCampaign,
      utmTerm: pageViews.utmTerm,
      utmContent: pageViews.utmContent,
      viewedAt: pageViews.viewedAt,
    })
    .from(pageViews)
    .where(and(eq(pageViews.workspaceId, workspaceId), eq(pageViews.visitorId, visitorId)))
    .orderBy(desc(pageViews.viewedAt))
    .limit(Math.min(Math.max(last, 1), 100));
}

const UpdateInput = z.object({
  visitorId: Id,
  name: z.string().trim().min(1, 'must not be empty').max(100).nullish(),
  email: z.union([z.email('is not an email address').max(320), z.literal('')]).nullish(),
  // Stored in E.164 (`@parley/phone`), the form the inbox's phone filter
  // matches; '' clears the phone.
  phone: z
    .string()
    .trim()
    .max(50, 'must be at most 50 characters')
    .transform((value, ctx) => {
      if (value === '') return '';
      const e164 = normalizePhone(value);
      if (e164) return e164;
      ctx.addIssue({
        code: 'custom',
        message:
          'is not a valid phone number: write it with its country code, e.g. +43 660 1234567',
      });
      return z.NEVER;
    })
    .nullish(),
});

export async function updateVisitor(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
): Promise<VisitorProfileRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'visitor.edit');
  const { visitorId, name, email, phone } = validate(UpdateInput, input);
  return inTransaction(deps, async (tx) => {
    const changes = {
      ...(name != null ? { name } : {}),
      ...(email != null ? { email: email || null } : {}),
      ...(phone != null ? { phone: phone || null } : {}),
    };
    const [visitor] =
      Object.keys(changes).length > 0
        ? await tx
            .update(visitors)
            .set(changes)
            .where(and(eq(visitors.workspaceId, viewer.workspaceId), eq(visitors.id, visitorId)))
            .returning(profileColumns)
        : await tx
            .select(profileColumns)
            .from(visitors)
            .where(and(eq(visitors.workspaceId, viewer.workspaceId), eq(visitors.id, visitorId)));
    if (!visitor) throw notFound('Visitor');
    await appendEvents(tx, [visitorUpdated(viewer, visitor)]);
    return visitor;
  });
}

function visitorUpdated(viewer: WorkspaceActor, visitor: VisitorSummary): NewEvent {
  return {
    workspaceId: viewer.workspaceId,
    type: 'VISITOR_UPDATED',
    ...actorRef(viewer),
    payload: {
      visitor: { id: visitor.id, name: visitor.name, email: visitor.email, phone: visitor.phone },
    },
  };
}

const TagVisitorInput = z.object({
  visitorId: Id,
  tagId: Id,
});

export async function setVisitorTag(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
  tagged: boolean,
): Promise<VisitorProfileRecord> {
  const viewer = requireWorkspaceActor(actor);
  requirePermission(viewer, 'visitor.edit');
  const { visitorId, tagId } = validate(TagVisitorInput, input);
  return inTransaction(deps, async (tx) => {
    const [visitor] = await tx
      .select(profileColumns)
      .from(visitors)
      .where(and(eq(visitors.workspaceId, viewer.workspaceId), eq(visitors.id, visitorId)));
    const [tag] = await tx
      .select({ id: tags.id })
      .from(tags)
      .where(and(eq(tags.workspaceId, viewer.workspaceId), eq(tags.id, tagId)));
    if (!visitor) throw notFound('Visitor');
    if (!tag) throw notFound('Tag');
    if (tagged) {
      await tx
        .insert(visitorTags)
        .values({ workspaceId: viewer.workspaceId, visitorId, tagId })
        .onConflictDoNothing();
    } else {
      await tx
        .delete(visitorTags)
        .where(and(eq(visitorTags.visitorId, visitorId), eq(visitorTags.tagId, tagId)));
    }
    await appendEvents(tx, [visitorUpdated(viewer, visitor)]);
    return visitor;
  });
}

export interface RequestInfo {
  userAgent?: string | null;
  ip?: string | null;
}

const PageViewInput = z.object({
  url: z
    .string()
    .max(2_000)
    .refine((value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, 'must be an http(s) URL'),
  title: z.string().max(300).nullish(),
  referrer: z.string().max(2_000).nullish(),
});

const UTM = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

/** Records a page the visitor viewed (from the widget), with UTM parameters. */
export async function trackPageView(
  deps: CoreDeps,
  actor: Actor | null,
  input: unknown,
  request: RequestInfo = {},
): Promise<boolean> {
  const visitor = requireVisitor(actor);
  const { url, title, referrer } = validate(PageViewInput, input);
  const params = new URL(url).searchParams;
  const utm = Object.fromEntries(UTM.map((key) => [key, params.get(key)?.slice(0, 200) ?? null]));
  await inTransaction(deps, async (tx) => {
    const [viewed] = await tx
      .insert(pageViews)
      .values({
        workspaceId: visitor.workspaceId,
        visitorId: visitor.visitorId,
        url,
        title: title ?? null,
        referrer: referrer || null,
        utmSource: utm.utm_source,
        utmMedium: utm.utm_medium,
        utmCampaign: utm.utm_campaign,
        utmTerm: utm.utm_term,
        utmContent: utm.utm_content,
      })
      .returning({ viewedAt: pageViews.viewedAt });
    await touchVisitor(tx, visitor.workspaceId, visitor.visitorId, request);
    await appendEvents(tx, [
      {
        workspaceId: visitor.workspaceId,
        type: 'VISITOR_PAGE_VIEWED',
        actorType: 'visitor',
        actorId: visitor.visitorId,
        payload: {},
      },
    ]);
    return viewed;
  });
  return true;
}

/** Last seen, and the device facts of the latest request. */
export async function touchVisitor(
  tx: CoreDeps['db'],
  workspaceId: string,
  visitorId: string,
  request: RequestInfo & { language?: string | null },
): Promise<void> {
  await tx
    .update(visitors)
    .set({
      lastSeenAt: sql`now()`,
      ...(request.userAgent ? { userAgent: request.userAgent.slice(0, 500) } : {}),
      ...(request.ip ? { ip: request.ip.slice(0, 64) } : {}),
      ...(request.language ? { language: request.language.slice(0, 35) } : {}),
    })
    .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
}
