import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthSession, StaffUserView } from '@matrix/product-contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError, notFound } from '../errors/api-error';
import { ApiZodBody } from '../validation/openapi-zod';
import { ZodValidationPipe } from '../validation/zod-validation';
import { principalOf, Public, Roles, STAFF_ROLES, type StaffPrincipal, type StaffRole } from './access';
import { CSRF_COOKIE, parseCookies, SESSION_COOKIE } from './cookies';
import { IdentityError, type AccountWithRole, type ApiTokenView } from './identity-store';
import { authenticationOf, BOOTSTRAP_PRINCIPAL_ID, csrfFailed, IdentityService, unauthenticated } from './identity.service';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './secrets';

const roleSchema = z.enum(STAFF_ROLES as [StaffRole, ...StaffRole[]], { message: `role must be one of ${STAFF_ROLES.join(', ')}` });
const signInSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
const tokenSchema = z.object({
  name: z.string().trim().min(1).max(100).describe('What the token is for, e.g. "shop backend"'),
  role: roleSchema.optional().describe('At most your own role here (default: your role)'),
});
const newUserSchema = z.object({
  email: z.email('email must be an e-mail address').max(320),
  name: z.string().trim().max(200).optional(),
  password: z.string().min(PASSWORD_MIN_LENGTH, `password needs at least ${PASSWORD_MIN_LENGTH} characters`).max(PASSWORD_MAX_LENGTH),
  role: roleSchema.describe('The role in this product'),
});
const setRoleSchema = z.object({ role: roleSchema.nullable().describe('The role in this product; null removes it') });
const idSchema = z.object({ id: z.string().min(1).max(100) });

/** POST /api/auth/sign-in and GET /api/auth/session (the shape webs read: @matrix/product-contract AuthSession). */
export type SessionView = AuthSession;
/** GET /api/auth/users items. */
export type UserView = StaffUserView;

const userView = (user: AccountWithRole): UserView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  everyProduct: user.everyProduct,
  disabled: user.disabled,
  createdAt: user.createdAt.toISOString(),
});

function fromIdentityError(error: unknown): never {
  if (error instanceof IdentityError) {
    const status = error.code === 'conflict' ? 409 : error.code === 'not_found' ? 404 : 422;
    throw new ApiError(status, error.code === 'invalid_password' || error.code === 'invalid_email' ? 'validation_failed' : error.code, error.message);
  }
  throw error;
}

const invalidCredentials = () => new ApiError(401, 'invalid_credentials', 'the e-mail or the password is wrong');

/**
 * Staff sign-in and account management, in every product API (the accounts live in the shared
 * platform database; roles are per product). Cookie sessions for the webs, API tokens for services.
 */
@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  // Public: this is how one gets credentials; rate-limited per IP against password guessing.
  @Post('sign-in')
  @Public({ rateLimit: 'sign-in' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password: sets the matrix_session (HttpOnly) and matrix_csrf cookies; 401 invalid_credentials' })
  @ApiZodBody(signInSchema)
  async signIn(
    @Body(new ZodValidationPipe(signInSchema)) body: z.infer<typeof signInSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    // Unknown e-mail, wrong password and disabled account all answer the same, after the same argon2 work.
    const user = await this.identity.store.verifyCredentials(body.email, body.password);
    if (!user) throw invalidCredentials();
    const session = await this.identity.store.createSession(user.id, this.identity.settings.sessionTtlMs);
    const role = await this.identity.store.roleIn(user.id, this.identity.product);
    void reply.header('set-cookie', this.identity.sessionCookies(session));
    void reply.header('cache-control', 'no-store');
    return {
      user: { id: user.id, email: user.email, name: user.name },
      product: this.identity.product,
      role: role?.role ?? null,
      csrfToken: session.csrfToken,
    };
  }

  // Public: signing out must work with an expired session too; a live session's sign-out needs the CSRF header.
  @Post('sign-out')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out: ends the session and clears the cookies (a live session needs x-csrf-token)' })
  async signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ signedOut: true }> {
    const token = parseCookies(request.headers.cookie)[SESSION_COOKIE];
    if (token) {
      const auth = request.headers.authorization === undefined ? authenticationOf(request) : await this.sessionOnly(request);
      if (auth.kind === 'ok' && auth.via === 'session' && !this.identity.csrfOk(request, auth)) throw csrfFailed();
      await this.identity.store.deleteSession(token);
    }
    void reply.header('set-cookie', this.identity.clearedCookies());
    return { signedOut: true };
  }

  private async sessionOnly(request: FastifyRequest) {
    const { authorization: _ignored, ...headers } = request.headers;
    return this.identity.authenticate({ ...request, headers } as FastifyRequest);
  }

  // Public: it answers who is signed in, role or not (a signed-in account without a role in this product gets role null,
  // as sign-in answers), and 401 without a valid session or token. Rate-limited per credential like staff routes: every
  // page load of every web calls it, and behind a proxy many people would share one IP's public bucket.
  @Get('session')
  @Public({ rateLimit: 'staff' })
  @ApiOperation({ summary: 'Who is signed in: user, product, role here (null without one), CSRF token; 401 unauthenticated' })
  session(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): SessionView {
    const auth = authenticationOf(request);
    if (auth.kind === 'none') throw unauthenticated();
    if (auth.kind === 'invalid') throw unauthenticated(auth.reason);
    const user = auth.user ?? { id: BOOTSTRAP_PRINCIPAL_ID, email: BOOTSTRAP_PRINCIPAL_ID, name: 'bootstrap token' };
    const csrfToken = auth.via === 'session' ? (parseCookies(request.headers.cookie)[CSRF_COOKIE] ?? null) : null;
    void reply.header('cache-control', 'no-store');
    return { user: { id: user.id, email: user.email, name: user.name }, product: this.identity.product, role: auth.role, csrfToken };
  }

  @Get('tokens')
  @Roles('viewer')
  @ApiOperation({ summary: 'Your API tokens in this product (never the tokens themselves)' })
  async tokens(@Req() request: FastifyRequest): Promise<{ items: ApiTokenView[] }> {
    const principal = principalOf(request) as StaffPrincipal;
    if (principal.via === 'bootstrap-token') return { items: [] };
    return { items: await this.identity.store.listApiTokens(principal.userId, this.identity.product) };
  }

  @Post('tokens')
  @Roles('viewer')
  @ApiOperation({ summary: 'Create an API token for Authorization: Bearer (this product, at most your role); the token is shown only in this answer' })
  @ApiZodBody(tokenSchema)
  async createToken(
    @Req() request: FastifyRequest,
    @Body(new ZodValidationPipe(tokenSchema)) body: z.infer<typeof tokenSchema>,
  ): Promise<{ id: string; token: string; name: string; role: StaffRole; product: string }> {
    const principal = principalOf(request) as StaffPrincipal;
    if (principal.via === 'bootstrap-token')
      throw new ApiError(400, 'bad_request', 'the bootstrap token has no account to own a token: create a user (npm run users) and sign in');
    const role = body.role ?? principal.role;
    if (!(principal.role === 'admin' || role === 'viewer' || role === principal.role)) {
      throw new ApiError(403, 'forbidden', `a token cannot hold more than your own role (${principal.role})`);
    }
    const created = await this.identity.store.createApiToken({ userId: principal.userId, product: this.identity.product, name: body.name, role });
    return { ...created, name: body.name, role, product: this.identity.product };
  }

  @Delete('tokens/:id')
  @Roles('viewer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of your API tokens (it stops working at once)' })
  async revokeToken(@Req() request: FastifyRequest, @Param(new ZodValidationPipe(idSchema)) params: { id: string }): Promise<void> {
    const principal = principalOf(request) as StaffPrincipal;
    if (!(await this.identity.store.revokeApiToken(principal.userId, this.identity.product, params.id))) throw notFound('token', params.id);
  }

  @Get('users')
  @Roles('admin')
  @ApiOperation({ summary: 'Staff with a role in this product' })
  async users(): Promise<{ items: UserView[] }> {
    return { items: (await this.identity.store.listUsers(this.identity.product)).map(userView) };
  }

  @Post('users')
  @Roles('admin')
  @ApiOperation({ summary: 'Create a staff account with a role in this product (409 if the e-mail exists: set its role instead)' })
  @ApiZodBody(newUserSchema)
  async createUser(@Body(new ZodValidationPipe(newUserSchema)) body: z.infer<typeof newUserSchema>): Promise<UserView> {
    try {
      const user = await this.identity.store.createUser({ ...body, roles: [{ product: this.identity.product, role: body.role }] });
      return userView({ ...user, role: body.role, everyProduct: false });
    } catch (error) {
      fromIdentityError(error);
    }
  }

  @Put('users/:id/role')
  @Roles('admin')
  @ApiOperation({ summary: 'Set (or with null remove) a user’s role in this product only; you cannot change your own' })
  @ApiZodBody(setRoleSchema)
  async setRole(
    @Req() request: FastifyRequest,
    @Param(new ZodValidationPipe(idSchema)) params: { id: string },
    @Body(new ZodValidationPipe(setRoleSchema)) body: z.infer<typeof setRoleSchema>,
  ): Promise<UserView> {
    const principal = principalOf(request) as StaffPrincipal;
    if (principal.userId === params.id) throw new ApiError(409, 'conflict', 'you cannot change your own role (ask another admin)');
    try {
      await this.identity.store.setRole(params.id, this.identity.product, body.role);
    } catch (error) {
      fromIdentityError(error);
    }
    const user = await this.identity.store.findById(params.id);
    if (!user) throw notFound('user', params.id);
    const role = await this.identity.store.roleIn(user.id, this.identity.product);
    return userView({ ...user, role: role?.role ?? null, everyProduct: role?.everyProduct ?? false });
  }
}
