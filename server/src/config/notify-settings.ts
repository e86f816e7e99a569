import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { WECOM_WEBHOOK_BASE } from '@linli/shared';
import { int } from './env-transforms';

/** The settings of notification delivery, the SLA sweeper and its escalation ladder (part of AppConfig). */
export class NotifySettings {
  /** delivered (or finally failed) notification events and outbox rows are deleted after this many days */
  @Transform(int)
  @IsInt()
  @Min(1)
  NOTIFY_RETENTION_DAYS = 30;

  /** how often the notification delivery worker looks for due outbox rows (ms); 0 turns it off */
  @Transform(int)
  @IsInt()
  @Min(0)
  NOTIFY_INTERVAL_MS = 1000;

  /** how often the SLA sweeper looks for breached clocks to escalate (ms); 0 turns it off */
  @Transform(int)
  @IsInt()
  @Min(0)
  SLA_SWEEP_INTERVAL_MS = 1000;

  /** a notification is given up (failed) after this many attempts */
  @Transform(int)
  @IsInt()
  @Min(1)
  NOTIFY_MAX_ATTEMPTS = 6;

  /** retry backoff: base·2^(attempt−1) with jitter, capped */
  @Transform(int)
  @IsInt()
  @Min(1)
  NOTIFY_BACKOFF_BASE_MS = 2000;

  @Transform(int)
  @IsInt()
  @Min(1)
  NOTIFY_BACKOFF_CAP_MS = 300_000;

  /** a claimed row not finished within this time (the instance died) is claimed again */
  @Transform(int)
  @IsInt()
  @Min(1000)
  NOTIFY_LEASE_MS = 15_000;

  /** rows claimed per round (small: a round's rows are what a crash can leave in flight) */
  @Transform(int)
  @IsInt()
  @Min(1)
  NOTIFY_BATCH = 10;

  /** JSON: template key → WeChat subscribe-message template ID, e.g. {"repair_accepted":"AbC…"}; unlisted keys are not sent by WeChat */
  @IsString()
  NOTIFY_WX_TEMPLATES = '{}';

  /** the escalation ladder's default (a community's escalation_policies row overrides it): % of the allowed time past due */
  @Transform(int)
  @IsInt()
  @Min(0)
  ESCALATION_LEVEL2_PCT = 50;

  @Transform(int)
  @IsInt()
  @Min(0)
  ESCALATION_LEVEL3_PCT = 100;

  /** floors of the ladder (a community's policy overrides them): level 2 / 3 never sooner than this after the due time */
  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(10_080)
  ESCALATION_LEVEL2_MIN_MINUTES = 15;

  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(10_080)
  ESCALATION_LEVEL3_MIN_MINUTES = 60;

  /** a recipient with more escalations than this in one sweep gets one summary on WeChat / WeCom instead (the inbox gets all) */
  @Transform(int)
  @IsInt()
  @Min(1)
  ESCALATION_SUMMARY_THRESHOLD = 3;

  /** the only address WeCom group robots may be set to (`<base>?key=…`); tests point it at a loopback fake */
  @IsString()
  WECOM_WEBHOOK_BASE = WECOM_WEBHOOK_BASE;

  get wxTemplates(): Record<string, string> {
    try {
      const v = JSON.parse(this.NOTIFY_WX_TEMPLATES) as unknown;
      return v && typeof v === 'object' ? (v as Record<string, string>) : {};
    } catch {
      return {};
    }
  }
}
