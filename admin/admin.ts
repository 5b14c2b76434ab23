/** Build input for /assets/admin.js: defines `<ipsafezone-admin>` and its sections. */
export { IpsafezoneAdmin } from './ipsafezone-admin.js';
