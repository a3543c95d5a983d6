// Invitation mail over SMTP (nodemailer), used when SMTP_URL is configured.
import type { Mailer } from '@parley/core';
import nodemailer from 'nodemailer';

export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
