import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { requireResolved } from '../config/resolved';
import { checkOutsideTransaction, trackTransactions } from '../database/transaction-context';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  from?: string;
  replyTo?: string;
  headers?: Record<string, string>;
  /** The Message-ID header, fixed by the caller (with angle brackets); nodemailer makes one otherwise. */
  messageId?: string;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
}

/** How an SMTP attempt ended when it did not succeed. */
export type DeliveryFailure =
  /** The server refused the recipient for good (5xx at RCPT TO): a hard bounce. */
  | { kind: 'hard-bounce'; code: number; message: string }
  /** The server refused the message for good (5xx elsewhere): do not retry, do not suppress. */
  | { kind: 'permanent'; code: number; message: string }
  /** 4xx, a lost connection, a timeout: try again later. */
  | { kind: 'temporary'; code: number | null; message: string };

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

/** Classifies a nodemailer error by its SMTP reply. */
export function classifyDeliveryError(error: unknown): DeliveryFailure {
  const e = error as SmtpError;
  const message = String(e?.response ?? e?.message ?? error).slice(0, 500);
  const code = typeof e?.responseCode === 'number' ? e.responseCode : null;
  if (code !== null && code >= 500 && code < 600) {
    const atRecipient = e.code === 'EENVELOPE' || /^RCPT/i.test(e.command ?? '');
    return { kind: atRecipient ? 'hard-bounce' : 'permanent', code, message };
  }
  return { kind: 'temporary', code, message };
}

/**
 * SMTP delivery through nodemailer over a pool of kept-open connections: the embedded catcher by
 * default, any SMTP server in production. The only place that talks SMTP.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly transport: Transporter;
  private readonly from: string;
  private readonly logger = new Logger(MailService.name);
  private readonly strictIo: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    trackTransactions();
    this.strictIo = config.nodeEnv === 'test';
    this.from = config.mail.from;
    this.transport = nodemailer.createTransport({
      url: requireResolved(config.mail.smtpUrl, 'SMTP_URL'),
      pool: true,
      maxConnections: config.mail.poolSize,
      // A connection is reused for every message rather than reopened after the default 100.
      maxMessages: Infinity,
    } as SMTPPool.Options);
  }

  /** Sends one message; resolves with the Message-ID the SMTP server accepted, rejects with the SMTP error. */
  async send(mail: OutgoingMail): Promise<string> {
    // An SMTP round trip inside a database transaction holds its locks for the server's answer.
    checkOutsideTransaction('SMTP send', this.strictIo, (message) => this.logger.warn(message));
    const info = (await this.transport.sendMail({
      from: mail.from ?? this.from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      ...(mail.headers ? { headers: mail.headers } : {}),
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
      ...(mail.dkim ? { dkim: mail.dkim } : {}),
    })) as { messageId: string };
    return info.messageId;
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
