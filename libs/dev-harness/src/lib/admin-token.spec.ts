import { harnessAdminToken, withAdminToken } from './admin-token';

describe('harness admin token', () => {
  const saved = process.env.MATRIX_ADMIN_TOKEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.MATRIX_ADMIN_TOKEN;
    else process.env.MATRIX_ADMIN_TOKEN = saved;
  });

  it('keeps a token from the environment, else makes one once and puts it there for the apps it starts', () => {
    process.env.MATRIX_ADMIN_TOKEN = 'from-env';
    expect(harnessAdminToken()).toBe('from-env');
    delete process.env.MATRIX_ADMIN_TOKEN;
    const made = harnessAdminToken();
    expect(made).toMatch(/^[\w-]{40,}$/);
    expect(process.env.MATRIX_ADMIN_TOKEN).toBe(made);
    expect(harnessAdminToken()).toBe(made);
  });

  it('adds the bearer header unless the caller sent its own', () => {
    process.env.MATRIX_ADMIN_TOKEN = 'tok';
    expect(withAdminToken({ 'content-type': 'text/csv' })).toEqual({ 'content-type': 'text/csv', authorization: 'Bearer tok' });
    expect(withAdminToken({ Authorization: 'Bearer mine' })).toEqual({ authorization: 'Bearer mine' });
  });
});
