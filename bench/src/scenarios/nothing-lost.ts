import type { Scenario } from '../harness/context.js';

export const nothingLostScenario: Scenario = {
  name: 'lost',
  run: () => Promise.reject(new Error('scenario lost is not written yet')),
};
