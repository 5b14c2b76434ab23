/**
 * The admin and profile pages' client (admin/api.ts) names a route by its path as the server
 * writes it (`/api/admin/users/:id/factors`) and fills the `:params` in at run time. This checks,
 * in Chromium against the real backend, that the filled URL is the one the pages sent before the
 * paths were typed (ids in place, empty query values left out), that a value is URI-encoded
 * rather than able to reach another route, and that a filled path reaches its route.
 */
import { expect } from '@open-wc/testing';
import { ApiError, PageApi } from '../../admin/api.js';
import { api as rawApi, resetAdmin, signIn } from './admin-helpers.js';

describe('admin page client: typed paths', () => {
  it('fills each :param and leaves out empty query values', () => {
    const api = new PageApi('https://login.example.com/');
    expect(api.url('/api/admin/users/:id/factors', { param: { id: 42 } })).to.equal(
      'https://login.example.com/api/admin/users/42/factors',
    );
    expect(
      api.url('/api/admin/audit', {
        query: { user: 'alice', action: '', outcome: undefined, offset: 0 },
      }),
    ).to.equal('https://login.example.com/api/admin/audit?user=alice&offset=0');
    expect(new PageApi('').url('/api/admin/zones')).to.equal('/api/admin/zones');
  });

  it('URI-encodes a value, so it stays one path segment', () => {
    const api = new PageApi('');
    expect(api.url('/api/admin/users/:id/factors', { param: { id: '7/../8 9' } })).to.equal(
      '/api/admin/users/7%2F..%2F8%209/factors',
    );
  });

  it('reaches the route with the filled path, and a malformed id only that route', async () => {
    const { origin } = await resetAdmin({});
    await signIn(origin, 'alice');
    const api = new PageApi('');
    const { users } = await api.get('/api/admin/users', { query: { q: 'alice' } });
    const alice = users.find((u) => u.username === 'alice');
    expect(alice, 'alice is listed').to.not.equal(undefined);
    const factors = await api.get('/api/admin/users/:id/factors', { param: { id: alice!.id } });
    // The same answer as the path written out by hand, as the pages wrote it before.
    const byHand = await rawApi(origin, 'GET', `/api/admin/users/${alice!.id}/factors`);
    expect(byHand.status).to.equal(200);
    expect(factors).to.deep.equal(byHand.body);
    // Unencoded, `1/factors` would be the path of the factors route; encoded it is an id the
    // user route refuses as malformed.
    const refused = await api
      .get('/api/admin/users/:id', { param: { id: `${alice!.id}/factors` } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).to.be.instanceOf(ApiError);
    expect((refused as ApiError).status).to.equal(400);
    expect((refused as ApiError).code).to.equal('invalid_input');
  });
});
