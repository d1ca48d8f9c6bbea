'use client';
import { useState } from 'react';
import type { Analytics } from '@matrix/chatbot-contract';
import { BarChartCard, Card, DataTable, ErrorBanner, PieChartCard, StatCard, StatGrid, useApiQuery, withQuery } from '@matrix/product-ui';
import { intentLabel, percent, reasonLabel } from '../lib/chat-logic';

const RANGES = [
  { value: '1', label: 'Last 24 hours' },
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '365', label: 'Last year' },
];
const REASON_COLORS = ['#e8590c', '#1c7ed6', '#7048e8', '#2b8a3e', '#c92a2a', '#868e96', '#f59f00'];

/** Containment and handoff rates, reasons, top intents, daily volume and knowledge-base gaps (GET /api/analytics). */
export function AnalyticsView() {
  const [days, setDays] = useState('30');
  const [from, setFrom] = useState(() => new Date(Date.now() - 30 * 86_400_000).toISOString());
  const { data, error, loading } = useApiQuery<Analytics>(withQuery('/api/analytics', { from }));

  const pick = (value: string) => {
    setDays(value);
    setFrom(new Date(Date.now() - Number(value) * 86_400_000).toISOString());
  };

  return (
    <>
      <div className="mx-row">
        <div className="mx-field">
          <label htmlFor="analytics-range">Conversations started</label>
          <select id="analytics-range" className="mx-select" value={days} onChange={(e) => pick(e.target.value)}>
            {RANGES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        {loading ? <span className="mx-muted">Loading…</span> : null}
      </div>
      {error ? <ErrorBanner error={error} /> : null}
      {data ? (
        <div className="mx-stack">
          <StatGrid label="Headline numbers">
            <StatCard
              label="Conversations"
              value={data.conversations.toLocaleString()}
              hint={`${data.replies.answer} answer${data.replies.answer === 1 ? '' : 's'} given`}
            />
            <StatCard
              label="Containment (deflection)"
              value={percent(data.containmentRate)}
              hint={`${data.contained} never needed a human; ${data.confirmedResolved} confirmed solved`}
              tone="positive"
            />
            <StatCard label="Handoff rate" value={percent(data.handoffRate)} hint={`${data.handedOff} handed to an agent`} tone="warning" />
            <StatCard label="Waiting for an agent now" value={data.waitingNow} tone={data.waitingNow ? 'negative' : 'neutral'} />
          </StatGrid>
          <BarChartCard
            title="Conversations per day"
            description="Contained by the bot vs handed to a human"
            data={data.daily.map((d) => ({ day: d.day, contained: d.contained, handedOff: d.handedOff }))}
            xKey="day"
            stacked
            series={[
              { key: 'contained', label: 'Contained', color: '#2b8a3e' },
              { key: 'handedOff', label: 'Handed off', color: '#e8590c' },
            ]}
            summary={`${data.conversations} conversations over ${data.daily.length} days`}
            emptyMessage="No conversations in this range."
          />
          <div className="mx-grid">
            <PieChartCard
              title="Why conversations were handed off"
              data={data.handoffReasons.map((r, i) => ({ name: reasonLabel(r.reason), value: r.count, color: REASON_COLORS[i % REASON_COLORS.length] }))}
              emptyMessage="No handoffs in this range."
            />
            <BarChartCard
              title="Top intents"
              description="What customers ask about, and how often the bot answered"
              data={data.topIntents.map((t) => ({ intent: intentLabel(t.intent), answered: t.answered, notAnswered: t.count - t.answered }))}
              xKey="intent"
              stacked
              series={[
                { key: 'answered', label: 'Answered', color: '#1c7ed6' },
                { key: 'notAnswered', label: 'Not answered', color: '#adb5bd' },
              ]}
              emptyMessage="No questions yet."
            />
          </div>
          <Card title={`Knowledge-base gaps (${data.unansweredQuestions} unanswered question${data.unansweredQuestions === 1 ? '' : 's'})`}>
            <DataTable
              caption="Unanswered questions grouped by similarity"
              rows={data.knowledgeGaps}
              rowKey={(g) => `${g.representative}-${g.lastAskedAt}`}
              emptyMessage="Every question got an answer."
              columns={[
                { key: 'representative', header: 'Typical question' },
                { key: 'count', header: 'Times asked' },
                { key: 'likelyIntent', header: 'Closest intent', render: (g) => intentLabel(g.likelyIntent) },
                { key: 'examples', header: 'Examples', render: (g) => g.examples.slice(0, 3).join(' · ') },
                { key: 'lastAskedAt', header: 'Last asked', render: (g) => new Date(g.lastAskedAt).toLocaleString() },
              ]}
            />
          </Card>
        </div>
      ) : null}
    </>
  );
}
