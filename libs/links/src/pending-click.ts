/** A click held in memory until the flusher writes it. */
export interface PendingClick {
  clickId: string;
  linkId: string;
  partnerId: string;
  launchId: string | null;
  assetKey: string;
  at: Date;
  ipHash: string;
  uaFamily: string;
  referrerHost: string | null;
  country: string | null;
  outcome: 'redirect' | 'fallback' | 'ended';
  bot: boolean;
  scanner: boolean;
  /** The message whose link was clicked (`?m=` on a link in an email), when it named a valid one. */
  messageId?: string | null;
  /** Set once written: a later scanner mark then becomes an UPDATE by click id. */
  flushed: boolean;
}

export interface PendingOpen {
  launchId: string | null;
  partnerId: string;
  messageRef: string;
  at: Date;
  ipHash: string;
  uaFamily: string;
  bot: boolean;
}
