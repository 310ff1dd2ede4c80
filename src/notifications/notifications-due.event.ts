import type { NotificationChannel } from './notification.entity';

/** Emitted when notifications of a channel become due outside its dispatcher's own loop. */
export class NotificationsDueEvent {
  static readonly name = 'notifications.due';

  constructor(readonly channel: NotificationChannel) {}
}
