/**
 * What happened to one dial attempt, decided from the telephony evidence.
 * Precedence follows docs/asterisk.md §"Mapping to dispositions": our own dialplan UserEvents first,
 * then the SIP code (Hangup TechCause, Asterisk 22.7+), then the Q.850 cause, then DialStatus, then
 * the OriginateResponse Reason. OriginateResponse alone is unreliable: a PJSIP 486/404/503 gives Reason 0.
 */
export const SYSTEM_OUTCOMES = [
  'connected', // a live person reached an agent
  'abandoned', // a live person answered and no agent was connected in time (the message was played)
  'machine', // answering machine (AMD) or fax
  'answered-no-agent-hangup', // answered, the person hung up before the AMD verdict or the connect
  'busy',
  'no-answer',
  'rejected', // the callee declined (SIP 603/403, cause 21); retried like busy, never a bad number
  'congestion', // network trouble, not the lead's fault
  'invalid-number',
  'failed', // our side: originate refused, no channel created; not an attempt on the lead
] as const;
export type SystemOutcome = (typeof SYSTEM_OUTCOMES)[number];

/** Everything the telephony adapter saw about an attempt, collected until its last event. */
export interface CallEvidence {
  /** Our dialplan's DialerResult UserEvent (Local/Dial pattern): Dial()'s DIALSTATUS. */
  dialStatusFromDialplan?: string | undefined;
  /** The channel ever reached state Up (Newstate 6, or OriginateResponse Success). */
  wasAnswered: boolean;
  /** AMD verdict from the DialerAMD UserEvent: HUMAN, MACHINE, NOTSURE, HANGUP. */
  amdStatus?: string | undefined;
  /** The dialplan announced a live person waiting for an agent (DialerHuman). */
  wasHumanWaiting: boolean;
  /** The customer was put in an agent's room (DialerConnect / ConfbridgeJoin). */
  wasConnected: boolean;
  /** The safe-harbour message was played (DialerDrop). */
  wasDropped: boolean;
  /** A message was left on an answering machine (DialerMachineMessage): a "message" for 230-FZ art. 7 p.5. */
  wasMachineMessageLeft?: boolean | undefined;
  /** Hangup Cause (Q.850). */
  hangupCause?: number | undefined;
  /** Hangup TechCause (SIP status), Asterisk 22.7+. */
  techCause?: number | undefined;
  /** DialEnd DialStatus. */
  dialStatus?: string | undefined;
  /** OriginateResponse Reason (0,1,3,4,5,8) and whether it was Success. */
  originateReason?: number | undefined;
  originateSucceeded?: boolean | undefined;
  /** A channel was ever created for the attempt (Newchannel seen). */
  hadChannel: boolean;
}

const INVALID_CAUSES = new Set([1, 3, 22, 28]);
const CONGESTION_CAUSES = new Set([27, 34, 38, 41, 42, 44, 58, 102]);
const BUSY_SIP = new Set([486, 600]);
const REJECT_SIP = new Set([603, 403]);
const INVALID_SIP = new Set([404, 484, 485, 604, 410]);

export function classifyCallEnd(e: CallEvidence): SystemOutcome {
  if (e.wasConnected) return 'connected';
  if (e.wasDropped) return 'abandoned';
  if (e.wasAnswered) {
    if (e.amdStatus === 'MACHINE') return 'machine';
    return 'answered-no-agent-hangup';
  }
  if (
    !e.hadChannel &&
    e.originateSucceeded !== true &&
    e.hangupCause === undefined &&
    e.dialStatusFromDialplan === undefined
  ) {
    // Asterisk could not even create the channel (unknown endpoint, no route): our configuration, not the lead.
    if (e.originateReason === 0 || e.originateReason === undefined) return 'failed';
  }
  const dialplan = e.dialStatusFromDialplan?.toUpperCase();
  if (dialplan === 'BUSY') return 'busy';
  if (dialplan === 'NOANSWER')
    return e.hangupCause !== undefined && INVALID_CAUSES.has(e.hangupCause) ? 'invalid-number' : 'no-answer';
  if (dialplan === 'CONGESTION') return 'congestion';
  if (dialplan === 'CHANUNAVAIL') {
    // Asterisk 22's Dial() reports a declined call (cause 21, SIP 603/403) as CHANUNAVAIL too (seen in the lab).
    if (e.hangupCause === 21 || (e.techCause !== undefined && REJECT_SIP.has(e.techCause))) return 'rejected';
    return e.hangupCause !== undefined && INVALID_CAUSES.has(e.hangupCause) ? 'invalid-number' : 'congestion';
  }
  if (e.techCause !== undefined) {
    if (BUSY_SIP.has(e.techCause)) return 'busy';
    if (REJECT_SIP.has(e.techCause)) return 'rejected';
    if (INVALID_SIP.has(e.techCause)) return 'invalid-number';
    if (e.techCause === 480 || e.techCause === 408 || e.techCause === 487) return 'no-answer';
    if (e.techCause >= 500) return 'congestion';
  }
  if (e.hangupCause !== undefined) {
    if (e.hangupCause === 17) return 'busy';
    if (e.hangupCause === 21) return 'rejected';
    if (INVALID_CAUSES.has(e.hangupCause)) return 'invalid-number';
    if (e.hangupCause === 18 || e.hangupCause === 19) return 'no-answer';
    if (CONGESTION_CAUSES.has(e.hangupCause)) return 'congestion';
  }
  switch (e.dialStatus?.toUpperCase()) {
    case 'BUSY':
      return 'busy';
    case 'CONGESTION':
    case 'CHANUNAVAIL':
      return 'congestion';
    case 'NOANSWER':
    case 'CANCEL':
      return 'no-answer';
  }
  switch (e.originateReason) {
    case 5:
      return 'busy';
    case 8:
      return 'congestion';
    case 3:
      return 'no-answer';
  }
  return e.hadChannel ? 'no-answer' : 'failed';
}

/**
 * The call reached the dialed number (it rang or was answered). Reg F 1006.14(b)(3): a call that is
 * not connected to the dialed number — a busy signal, a network "not in service" failure — is not a
 * placed call for the 7-in-7 count. An outcome not known yet (a call in progress) counts as connected.
 */
export function isConnectedToNumber(outcome: SystemOutcome | string | null): boolean {
  return !(
    outcome === 'busy' ||
    outcome === 'congestion' ||
    outcome === 'invalid-number' ||
    outcome === 'failed'
  );
}

/** A live person answered (the abandonment-rate denominator counts these). */
export function isLiveAnswer(outcome: SystemOutcome): boolean {
  return outcome === 'connected' || outcome === 'abandoned';
}
