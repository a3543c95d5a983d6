import type { Scenario } from '../harness/context.js';

export const fanOutScenario: Scenario = {
  name: 'fanout',
  run: () => Promise.reject(new Error('scenario fanout is not written yet')),
};
