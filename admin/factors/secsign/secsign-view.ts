/**
 * SecSign ID on the admin and profile pages: its name. The ID itself is part of a user's data
 * (the users section's editor and the profile's "Your data"), not an enrolled factor.
 */
import type { FactorView } from '../factor-view.js';

export const view: FactorView = {
  name: 'secsign',
  policyLabel: () => 'SecSign ID',
  itemLabel: () => 'SecSign ID',
};
