/** Numbers on do-not-call lists (dnc_entries), as the dialer checks them before every call. */
export interface DncNumberEntry {
  e164: string;
  /** global: every campaign; campaign: only this campaign. */
  scope: 'global' | 'campaign';
  campaignId: string | null;
  /** Where the entry comes from: "national-dnc", "internal", a file name… */
  source: string;
  receivedAt: Date;
  expiresAt: Date | null;
}

export interface DncStore {
  /** Adds the entries not already listed (same number and scope, not expired); returns how many were new. */
  addNumbers(entries: readonly DncNumberEntry[]): Promise<number>;
}
