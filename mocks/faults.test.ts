import { demoOperations, operations, providerOperations } from '@/api/operations';
import { handlers } from './handlers';
import { clearFaults, faultsLeft, injectFaults, routeNames, takeFault } from './faults';

afterEach(() => clearFaults());

describe('fault injection route names', () => {
  it('are exactly the operations of the table, one handler each', () => {
    const ids = [...operations, ...demoOperations, ...providerOperations].map((o) => o.id);
    expect([...routeNames].sort()).toEqual([...ids].sort());
    expect(handlers).toHaveLength(ids.length);
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
