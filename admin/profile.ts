/** Build input for /assets/profile.js: defines `<ipsafezone-profile>`. */
export { IpsafezoneProfile } from './ipsafezone-profile.js';
