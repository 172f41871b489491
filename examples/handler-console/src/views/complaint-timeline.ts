import type { TimelineEvent } from '../complaint-data.js';
import { EVENT_LABELS, STATUS_LABELS, TIER_LABELS, dateTimeWib } from '../labels.js';
import { html, type Html } from './html.js';

/** Who took a step: the officer and, after a dot, the organisation; "Sistem" for Aduan's own (a breached deadline). */
export function actorOf(event: TimelineEvent): Html {
  const officer = event.actorOfficer?.name;
  const organisation = event.actorName;
  if (officer) return html`<strong>${officer}</strong>${organisation && html` · ${organisation}`}`;
  return organisation ? html`<strong>${organisation}</strong>` : html`<span class="muted">Sistem Aduan</span>`;
}

/** What changed: the status and the tier, before → after. */
function change(event: TimelineEvent): Html {
  const status = event.toStatus && event.fromStatus !== event.toStatus && html`<span>Status: ${event.fromStatus ? STATUS_LABELS[event.fromStatus] : '–'} → ${STATUS_LABELS[event.toStatus]}</span>`;
  const tier = event.toTier && event.fromTier !== event.toTier && html`<span>Tingkat: ${event.fromTier ? TIER_LABELS[event.fromTier] : '–'} → ${TIER_LABELS[event.toTier]}</span>`;
  return html`${status}${tier}`;
}

/** One event on one line (the STALE_VERSION notice): what, who, when. */
export function eventLine(event: TimelineEvent): Html {
  return html`${EVENT_LABELS[event.type] ?? event.type} oleh ${actorOf(event)}, ${dateTimeWib(event.at)}${event.message && html`: “${event.message}”`}`;
}

export function timeline(events: TimelineEvent[], totalCount: number): Html {
  return html`<ol class="timeline">${events.map((event) => html`<li class="event${event.visibility === 'INTERNAL' ? ' internal' : ''}">
<p class="event-head"><span class="event-type">${EVENT_LABELS[event.type] ?? event.type}</span>${event.visibility === 'INTERNAL' && html` <span class="tag">internal</span>`}
<time datetime="${event.at}">${dateTimeWib(event.at)}</time></p>
<p class="event-actor">${actorOf(event)}</p>
${event.message && html`<p class="event-message">${event.message}</p>`}
<p class="event-change">${change(event)}</p>
</li>`)}</ol>
${totalCount > events.length && html`<p class="muted">${totalCount - events.length} peristiwa lainnya tidak ditampilkan.</p>`}`;
}
