/** What an agent's screen shows about the call in hand (a view-model source; never raw rows). */
export interface AgentDeskCall {
  attemptId: string;
  /** preview: the lead is on screen before the call; dial: a placed call. */
  decision: 'dial' | 'skip' | 'preview';
  campaignId: string;
  leadId: number;
  phoneE164: string | null;
  person: {
    id: number;
    name: string;
    role: string;
    birthDate: string | null;
    region: string | null;
    flags: string[];
  };
  debt: {
    id: number;
    accountNumber: string;
    balance: string | null;
    currency: string | null;
    daysPastDue: number | null;
  };
  otherPersons: { name: string; role: string }[];
  phones: { e164: string; type: string; status: string; zones: string[] }[];
  history: {
    at: Date;
    decision: string;
    outcome: string | null;
    disposition: string | null;
    reasonCodes: string[];
  }[];
  promises: { amount: string; currency: string; dueDate: string; status: string }[];
  disposition: string | null;
}

export interface AgentDeskReadModel {
  callFor(attemptId: string): Promise<AgentDeskCall | null>;
}
