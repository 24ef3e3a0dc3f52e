import { QUEUE_NAMES, type QueueName } from '@conveyor/contracts';
import { html, type HtmlFragment } from '../../web/html.template';
import type { QueueDeadLetters, RedriveProgress } from './dead-letter.views';

/** Every queue's DLQ depth, each linking to its browser. */
export function renderDeadLetterIndex(depths: Partial<Record<QueueName, number>>): HtmlFragment {
  return html`<h1>Dead letters</h1>
    <table>
      <thead>
        <tr>
          <th scope="col">Queue</th>
          <th class="num" scope="col">In its DLQ</th>
        </tr>
      </thead>
      <tbody>
        ${QUEUE_NAMES.map(
          (queue) =>
            html`<tr data-queue="${queue}">
              <th scope="row"><a href="/console/dead-letters/${queue}">${queue}</a></th>
              <td class="num ${depths[queue] ? 'error' : ''}" data-figure="dlq">
                ${depths[queue] ?? '?'}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** The event a finished action announces (HX-Trigger), on which the listing reloads itself. */
export const DEAD_LETTERS_CHANGED = 'dead-letters-changed';

/** One DLQ: its messages with their reasons, and the actions on them. */
export function renderDeadLetterQueue(dead: QueueDeadLetters): HtmlFragment {
  const base = `/console/dead-letters/${dead.queue}`;
  return html`<h1>Dead letters of <code>${dead.queue}</code></h1>
    <div class="actions">
      <button type="button" hx-post="${base}/redrive" hx-target="#redrive-progress">
        Redrive all to ${dead.queue}
      </button>
    </div>
    <div id="redrive-progress" aria-live="polite"></div>
    <div id="dlq-action-result" aria-live="polite"></div>
    <div
      id="dlq-listing"
      hx-get="${base}/listing"
      hx-trigger="${DEAD_LETTERS_CHANGED} from:body"
      aria-live="polite"
    >
      ${renderDeadLetterListing(dead)}
    </div>
    ${renderPurge(base, dead)}`;
}

/** The DLQ's depth and messages: reloaded after every action. */
export function renderDeadLetterListing(dead: QueueDeadLetters): HtmlFragment {
  const base = `/console/dead-letters/${dead.queue}`;
  return html`<p data-figure="dlq-depth">
      <span class="figure ${dead.depth > 0 ? 'error' : ''}">${dead.depth}</span>
      message(s) in the
      DLQ${
        dead.depth > dead.messages.length ? html`; the first ${dead.messages.length} shown` : null
      }
    </p>
    ${
      dead.messages.length === 0
        ? html`<p class="ok" data-figure="dlq-empty">The dead-letter queue is empty.</p>`
        : renderMessages(base, dead)
    }`;
}

function renderMessages(base: string, dead: QueueDeadLetters): HtmlFragment {
  return html`<table id="dead-letters">
    <thead>
      <tr>
        <th scope="col">Type</th>
        <th scope="col">Order</th>
        <th scope="col">Reason</th>
        <th class="num" scope="col">Receives</th>
        <th scope="col">Sent</th>
        <th scope="col">Body</th>
        <th scope="col"><span class="visually-hidden">Actions</span></th>
      </tr>
    </thead>
    <tbody>
      ${dead.messages.map(
        (message) =>
          html`<tr data-message="${message.id}">
            <td>${message.type ?? '(undecodable)'}</td>
            <td>
              ${
                message.orderId
                  ? html`<a href="/console/orders/${message.orderId}">${message.orderId}</a>`
                  : '—'
              }
            </td>
            <td class="error" data-figure="reason">${message.reason ?? 'unknown'}</td>
            <td class="num">${message.receiveCount ?? '?'}</td>
            <td>${message.sentAt?.toISOString() ?? ''}</td>
            <td><pre>${message.bodyPreview}</pre></td>
            <td>
              <button
                type="button"
                class="danger"
                hx-delete="${base}/messages/${encodeURIComponent(message.id)}"
                hx-confirm="Delete this message for good?"
                hx-target="#dlq-action-result"
              >
                Delete
              </button>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function renderPurge(base: string, dead: QueueDeadLetters): HtmlFragment {
  return html`<section aria-labelledby="purge-heading">
    <h2 id="purge-heading">Purge</h2>
    <form hx-post="${base}/purge" hx-target="#purge-result">
      <label for="purge-confirm">
        Deletes every message in the DLQ for good. Type <code>${dead.queue}</code> to confirm.
      </label>
      <input id="purge-confirm" name="confirm" autocomplete="off" required />
      <button class="danger" type="submit">Purge the ${dead.queue} DLQ</button>
    </form>
    <div id="purge-result" aria-live="polite"></div>
  </section>`;
}

/**
 * A redrive's progress; while it runs the fragment asks for itself again a second later (one
 * request per second per watched task, only while it runs), then stops.
 */
export function renderRedriveProgress(progress: RedriveProgress): HtmlFragment {
  const url = `/console/dead-letters/${progress.queue}/redrive/${progress.taskId}`;
  const counts = `${progress.moved} moved back to ${progress.queue}, ${progress.returned} failed again and stayed dead-lettered`;
  if (progress.state === 'running') {
    return html`<p
      class="progress"
      data-state="running"
      hx-get="${url}"
      hx-trigger="load delay:1s"
      hx-swap="outerHTML"
    >
      Redriving: ${counts}…
    </p>`;
  }
  if (progress.state === 'failed') {
    return html`<p class="progress error" data-state="failed">
      Redrive failed (${counts}): ${progress.error ?? 'unknown error'}
    </p>`;
  }
  return html`<p class="progress ok" data-state="completed">Redrive finished: ${counts}.</p>`;
}
