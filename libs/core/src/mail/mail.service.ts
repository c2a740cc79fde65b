import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { requireResolved } from '../config/resolved';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  from?: string;
  replyTo?: string;
  headers?: Record<string, string>;
}

/** SMTP delivery through nodemailer: the embedded catcher by default, any SMTP server in production. */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.from = config.mail.from;
    this.transport = nodemailer.createTransport(requireResolved(config.mail.smtpUrl, 'SMTP_URL'));
  }

  /** Sends one message; resolves with the Message-ID the SMTP server accepted. */
  async send(mail: OutgoingMail): Promise<string> {
    const info = (await this.transport.sendMail({
      from: mail.from ?? this.from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      ...(mail.headers ? { headers: mail.headers } : {}),
    })) as { messageId: string };
    return info.messageId;
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
