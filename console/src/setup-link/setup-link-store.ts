/**
 * A setup link's secret, taken out of the address bar at once and kept in this tab's sessionStorage
 * only (never localStorage, a cookie or a URL), apart from an admin's sign-in token.
 */
const KEY = 'identity-console:setup-link';

export const loadSetupSecret = (): string | null => sessionStorage.getItem(KEY);
export const saveSetupSecret = (secret: string): void => sessionStorage.setItem(KEY, secret);
export const clearSetupSecret = (): void => sessionStorage.removeItem(KEY);
