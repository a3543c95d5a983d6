import type { Scenario } from '../harness/context.js';

export const viewsScenario: Scenario = {
  name: 'views',
  run: () => Promise.reject(new Error('scenario views is not written yet')),
};
