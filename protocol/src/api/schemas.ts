import { z } from 'zod';
import { hasControlCharacters } from '../validate.ts';

/**
 * The collab-server HTTP API's bodies, requests and responses, defined once: the server
 * declares its routes with them (validation and `/openapi.json` come from here), and the
 * clients' types follow from the server's routes. `.meta({ id })` names a component in
 * the OpenAPI document.
 */

/** Dates travel as ISO 8601 strings (`Date.toJSON()`). */
const dateTime = z.iso.datetime();

export const ErrorSchema = z
  .object({ error: z.string(), requestId: z.string().optional() })
  .meta({ id: 'Error', description: 'A client or server error, written for people' });

export const BOARD_ROLES = ['owner', 'editor', 'viewer'] as const;
export const BoardRoleSchema = z.enum(BOARD_ROLES).meta({ id: 'Role' });
/** The roles a member or a share link can be given: there is one owner. */
export const GrantableRoleSchema = z.enum(['editor', 'viewer'], {
  error: 'must be editor or viewer',
});

export const API_TOKEN_SCOPES = ['board:read', 'board:write', 'solver'] as const;
export const ApiTokenScopeSchema = z.enum(API_TOKEN_SCOPES);

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    twoFactorEnabled: z.boolean(),
    createdAt: dateTime,
  })
  .meta({ id: 'User' });

export const SessionResultSchema = z
  .object({
    user: UserSchema,
    twoFactorRequired: z.boolean(),
    expiresAt: dateTime,
    token: z
      .string()
      .optional()
      .meta({ description: 'Only when the request asked for tokenInBody' }),
  })
  .meta({ id: 'SessionResult' });

export const BoardSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    ownerId: z.string(),
    role: BoardRoleSchema,
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'Board' });

/** A rename answers with the board row, without the caller's role. */
export const BoardRowSchema = BoardSchema.omit({ role: true });

export const MemberSchema = z
  .object({
    userId: z.string(),
    /** Only in the owner's view of the list. */
    email: z.string().optional(),
    displayName: z.string(),
    role: BoardRoleSchema,
  })
  .meta({ id: 'Member' });

export const EquationHitSchema = z
  .object({
    boardId: z.string(),
    equationId: z.string(),
    text: z.string(),
    latex: z.string(),
    status: z.string(),
    answer: z.string().nullable(),
    answerLatex: z.string().nullable(),
    steps: z.array(z.unknown()),
    confidence: z.number().nullable(),
    error: z.string().nullable(),
    updatedAt: dateTime,
  })
  .meta({ id: 'Equation' });

export const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(ApiTokenScopeSchema),
    boardId: z.string().nullable(),
    expiresAt: dateTime.nullable(),
    createdAt: dateTime,
  })
  .meta({ id: 'ApiToken' });

export const ShareLinkSchema = z
  .object({
    id: z.string(),
    role: GrantableRoleSchema,
    createdAt: dateTime,
    expiresAt: dateTime,
    revokedAt: dateTime.nullable(),
  })
  .meta({ id: 'ShareLink' });

/* ---- limits on what clients send ---- */

/** RFC 5321 caps an address at 254 characters. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_DISPLAY_NAME_LENGTH = 100;
/** Passwords: at least 8 (NIST SP 800-63B), at most 256 so hashing stays bounded. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;
export const MAX_BOARD_NAME_LENGTH = 200;
/** A TOTP code is 6 digits; a little slack for spaces a user may type. */
const MAX_TOTP_CODE_LENGTH = 10;
/** A base32 TOTP key of 20 bytes is 32 characters. */
const MAX_TOTP_KEY_LENGTH = 64;
/** API tokens expire after this many days unless asked otherwise (at most a year). */
export const DEFAULT_API_TOKEN_DAYS = 90;
export const MAX_API_TOKEN_DAYS = 365;
/** Share links live at most 30 days: a forgotten link should not open a board forever. */
export const MAX_SHARE_LINK_HOURS = 30 * 24;
export const DEFAULT_SHARE_LINK_HOURS = 7 * 24;
/** History and search pages: enough for a screen, bounded for the database. */
export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;
export const MAX_SEARCH_LENGTH = 200;

/** Control characters (U+0000 above all) break PostgreSQL text and every later write of
 * the row, so no name, email or query may hold one. */
const noControlCharacters = (value: string) => !hasControlCharacters(value);
const NO_CONTROL_CHARACTERS = 'must not contain control characters';

/** A string of `min`–`max` characters, with the range in the error a person reads. */
const text = (max: number, min = 1) =>
  z
    .string()
    .min(min, `must be ${min}–${max} characters`)
    .max(max, `must be ${min}–${max} characters`)
    .refine(noControlCharacters, NO_CONTROL_CHARACTERS);

/* ---- request bodies ---- */

export const SignUpBodySchema = z.object({
  email: text(MAX_EMAIL_LENGTH),
  password: text(MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH),
  displayName: text(MAX_DISPLAY_NAME_LENGTH).optional(),
  tokenInBody: z.boolean().optional(),
});
export const SignInBodySchema = z.object({
  email: text(MAX_EMAIL_LENGTH),
  password: text(MAX_PASSWORD_LENGTH),
  tokenInBody: z.boolean().optional(),
});
export const TotpCodeBodySchema = z.object({ code: text(MAX_TOTP_CODE_LENGTH) });
export const TotpEnableBodySchema = z.object({
  key: text(MAX_TOTP_KEY_LENGTH),
  code: text(MAX_TOTP_CODE_LENGTH),
});
export const DeleteAccountBodySchema = z.object({ confirmEmail: text(MAX_EMAIL_LENGTH) });
/** A browser extension's origin: its scheme and id, nothing after. */
export const EXTENSION_ORIGIN_PATTERN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]{1,64}$/;
export const CreateTokenBodySchema = z.object({
  name: text(MAX_DISPLAY_NAME_LENGTH),
  scopes: z
    .array(ApiTokenScopeSchema, {
      error: `must be a non-empty list of ${API_TOKEN_SCOPES.join(', ')}`,
    })
    .min(1, `must be a non-empty list of ${API_TOKEN_SCOPES.join(', ')}`),
  boardId: z.string().nullable().optional(),
  /** For the browser extension's token: its origin (`chrome-extension://<id>` or
   * `moz-extension://<id>`). The server must know it, and a new token replaces the one
   * this extension had. */
  extensionOrigin: z
    .string()
    .regex(
      EXTENSION_ORIGIN_PATTERN,
      'must be an extension origin (chrome-extension://<id> or moz-extension://<id>)',
    )
    .optional(),
  expiresInDays: z
    .number()
    .int(`must be an integer 1–${MAX_API_TOKEN_DAYS}`)
    .min(1, `must be an integer 1–${MAX_API_TOKEN_DAYS}`)
    .max(MAX_API_TOKEN_DAYS, `must be an integer 1–${MAX_API_TOKEN_DAYS}`)
    .optional(),
});
export const BoardNameBodySchema = z.object({ name: text(MAX_BOARD_NAME_LENGTH) });
export const SetMemberBodySchema = z.object({
  email: text(MAX_EMAIL_LENGTH),
  role: GrantableRoleSchema,
});
export const CreateShareLinkBodySchema = z.object({
  role: GrantableRoleSchema,
  expiresInHours: z
    .number()
    .gt(0, `must be in (0, ${MAX_SHARE_LINK_HOURS}]`)
    .max(MAX_SHARE_LINK_HOURS, `must be in (0, ${MAX_SHARE_LINK_HOURS}]`)
    .optional(),
});

/* ---- query strings ---- */

/** Page sizes arrive as query strings. */
const pageLimit = z.coerce
  .number()
  .int(`must be 1–${MAX_PAGE}`)
  .min(1, `must be 1–${MAX_PAGE}`)
  .max(MAX_PAGE, `must be 1–${MAX_PAGE}`)
  .default(DEFAULT_PAGE);
export const PageQuerySchema = z.object({ limit: pageLimit.optional() });
export const SearchQuerySchema = z.object({
  q: z
    .string({ error: `must be 1–${MAX_SEARCH_LENGTH} characters` })
    .trim()
    .min(1, `must be 1–${MAX_SEARCH_LENGTH} characters`)
    .max(MAX_SEARCH_LENGTH, `must be 1–${MAX_SEARCH_LENGTH} characters`)
    .refine(noControlCharacters, NO_CONTROL_CHARACTERS),
  limit: pageLimit.optional(),
});

/* ---- response bodies ---- */

export const MaybeUserResultSchema = z.object({ user: UserSchema.nullable() });
export const UserResultSchema = z.object({ user: UserSchema });
export const TotpVerifiedSchema = z.object({
  user: UserSchema,
  twoFactorRequired: z.literal(false),
});
export const TotpSetupSchema = z.object({ key: z.string(), uri: z.string() });
export const TwoFactorStateSchema = z.object({ twoFactorEnabled: z.boolean() });
export const SignedOutSchema = z.object({ signedOut: z.number().int() });
export const ProvidersSchema = z.object({ providers: z.array(z.enum(['github', 'google'])) });
export const AccountDeletedSchema = z.object({
  deleted: z.literal(true),
  boards: z.number().int(),
});
export const ApiTokenListSchema = z.object({ tokens: z.array(ApiTokenSchema) });
export const CreatedApiTokenSchema = z.object({
  id: z.string(),
  token: z.string(),
  name: z.string(),
  scopes: z.array(ApiTokenScopeSchema),
  boardId: z.string().nullable(),
  expiresAt: dateTime,
});
export const SamplesSavedSchema = z.object({ count: z.number().int(), updatedAt: dateTime });
export const BoardListSchema = z.object({ boards: z.array(BoardSchema) });
export const BoardResultSchema = z.object({ board: BoardSchema });
export const BoardRowResultSchema = z.object({ board: BoardRowSchema });
export const MemberListSchema = z.object({ members: z.array(MemberSchema) });
export const MemberResultSchema = z.object({
  member: MemberSchema.extend({ role: GrantableRoleSchema }),
});
export const ShareLinkListSchema = z.object({ shareLinks: z.array(ShareLinkSchema) });
export const CreatedShareLinkSchema = z.object({
  id: z.string(),
  token: z.string(),
  url: z.string(),
  role: GrantableRoleSchema,
  expiresAt: dateTime,
});
export const ShareAcceptedSchema = z.object({ boardId: z.string(), role: BoardRoleSchema });
export const EquationListSchema = z.object({ equations: z.array(EquationHitSchema) });
export const HealthSchema = z.object({ status: z.literal('ok') });
export const ReadinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  /** Each dependency's state; only for operators (METRICS_TOKEN or loopback). */
  checks: z.record(z.string(), z.string()).optional(),
});
/** The GDPR export: everything held about the user (its parts are described in
 * collab-server `db/account-data.ts`), plus the personal samples file. */
export const AccountExportSchema = z
  .object({
    exportedAt: dateTime,
    user: z.object({
      id: z.string(),
      email: z.string(),
      displayName: z.string(),
      createdAt: dateTime,
      hasPassword: z.boolean(),
      twoFactorEnabled: z.boolean(),
    }),
    oauthAccounts: z.array(z.unknown()),
    sessions: z.array(z.object({ expiresAt: dateTime })),
    apiTokens: z.array(z.unknown()),
    boards: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        role: BoardRoleSchema,
        createdAt: dateTime,
        equations: z.array(EquationHitSchema),
      }),
    ),
    auditLog: z.array(z.unknown()),
    analyticsEvents: z.array(z.unknown()),
    personalSamples: z.unknown().nullable(),
  })
  .meta({ id: 'AccountExport' });

export type ApiErrorBody = z.infer<typeof ErrorSchema>;
export type ApiUser = z.infer<typeof UserSchema>;
export type ApiBoard = z.infer<typeof BoardSchema>;
export type ApiBoardRole = z.infer<typeof BoardRoleSchema>;
export type ApiGrantableRole = z.infer<typeof GrantableRoleSchema>;
export type ApiTokenScope = z.infer<typeof ApiTokenScopeSchema>;
export type CreatedShareLink = z.infer<typeof CreatedShareLinkSchema>;
export type ApiShareLink = z.infer<typeof ShareLinkSchema>;
