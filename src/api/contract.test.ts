import production from './openapi.json';
import provider from './openapi.provider.json';
import { demoOperations } from './operations';

/** The production and provider contracts carry nothing of the demo: no operation, no path, no schema. */
describe('the published contracts', () => {
  for (const [name, document] of [['production', production], ['provider', provider]] as const) {
    it(`${name}: no demo operation, path or schema`, () => {
      const text = JSON.stringify(document);
      for (const op of demoOperations) expect(text, op.id).not.toContain(`"${op.id}"`);
      expect(Object.keys(document.paths).filter((path) => path.startsWith('/demo'))).toEqual([]);
      expect(Object.keys(document.components.schemas).filter((schema) => schema.startsWith('Demo'))).toEqual([]);
    });
  }
});
