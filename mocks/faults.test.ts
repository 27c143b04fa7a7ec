import handlersSource from './handlers.ts?raw';
import { clearFaults, faultsLeft, injectFaults, routeNames, takeFault } from './faults';

afterEach(() => clearFaults());

describe('fault injection route names', () => {
  it('are exactly the names handlers.ts gives to route()', () => {
    const named = [...handlersSource.matchAll(/\broute\('([A-Za-z]+)'/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    expect([...new Set(named)].sort()).toEqual([...routeNames].sort());
  });

  it('a name that is not in the list fails loudly instead of injecting nothing', () => {
    expect(() => takeFault('addComent')).toThrow(/"addComent" is not in routeNames/);
  });

  it('each request takes the next fault of its own route, and what is left can be read', () => {
    injectFaults('addComment', ['500', 'network']);
    injectFaults('getCase', ['429']);
    expect(takeFault('addComment')).toBe('500');
    expect(faultsLeft()).toEqual({ addComment: ['network'], getCase: ['429'] });
    expect(takeFault('addComment')).toBe('network');
    expect(takeFault('addComment')).toBeUndefined();
    expect(faultsLeft()).toEqual({ getCase: ['429'] });
  });
});
