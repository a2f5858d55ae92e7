// Prometheus text exposition (version 0.0.4), written by hand: a few counters, gauges and histograms.

type Labels = Record<string, string>;

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labelText(labels: Labels): string {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return '';
  return `{${entries.map(([key, value]) => `${key}="${escapeLabel(value)}"`).join(',')}}`;
}

const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));

interface Metric {
  render(): string;
}

class Counter implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    private readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = keyOf(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  /** the sum over every label set */
  total(): number {
    let sum = 0;
    for (const { value } of this.values.values()) sum += value;
    return sum;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${labelText(labels)} ${value}`);
    return lines.join('\n');
  }
}

/** A gauge read when scraped. */
class Gauge implements Metric {
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly read: () => { labels?: Labels; value: number }[],
  ) {}

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    for (const { labels, value } of this.read()) lines.push(`${this.name}${labelText(labels ?? {})} ${value}`);
    return lines.join('\n');
  }
}

class Histogram implements Metric {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly buckets: number[],
  ) {}

  observe(labels: Labels, value: number): void {
    const key = keyOf(labels);
    const entry = this.series.get(key) ?? { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    this.buckets.forEach((bound, index) => {
      if (value <= bound) entry.counts[index] = (entry.counts[index] ?? 0) + 1;
    });
    entry.sum += value;
    entry.count += 1;
    this.series.set(key, entry);
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, counts, sum, count } of this.series.values()) {
      this.buckets.forEach((bound, index) => {
        lines.push(`${this.name}_bucket${labelText({ ...labels, le: String(bound) })} ${counts[index]}`);
      });
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${sum}`);
      lines.push(`${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines.join('\n');
  }
}

interface MetricSources {
  activeSubscriptions?(): number;
  websocketConnections?(): number;
  /** pool of PostgreSQL connections; absent for the embedded database */
  dbPool?(): { total: number; idle: number; waiting: number };
}

/** The app's metrics; one registry per process (an instance of the app). */
export class AppMetrics {
  readonly httpRequests = new Counter(
    'leqi_http_requests_total',
    'HTTP requests by GraphQL operation (or route) and status',
  );
  readonly httpDuration = new Histogram(
    'leqi_http_request_duration_seconds',
    'HTTP request duration by GraphQL operation (or route)',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
  readonly transitions = new Counter('leqi_case_transitions_total', 'Case transitions by case kind, event and outcome');
  readonly busPublishes = new Counter('leqi_event_bus_published_events_total', 'Committed events published to the bus');
  readonly dbQueries = new Counter('leqi_db_queries_total', 'SQL statements sent to the database');
  readonly directAnswers = new Counter(
    'leqi_graphql_direct_answers_total',
    'Queries answered with JSON built by the database instead of GraphQL execution, by root field',
  );
  readonly workbookBuilds = new Counter(
    'leqi_workbook_builds_total',
    'Template workbooks built, by template (a download served from the cache builds none)',
  );
  private sources: MetricSources = {};

  /** adds what the registry reads when scraped (the bus, the WebSocket server, the pool) */
  attach(sources: MetricSources): void {
    this.sources = { ...this.sources, ...sources };
  }

  render(): string {
    const sources = this.sources;
    const memory = process.memoryUsage();
    const gauges = [
      new Gauge('leqi_graphql_subscriptions_active', 'Live GraphQL subscriptions on this instance', () => [
        { value: sources.activeSubscriptions?.() ?? 0 },
      ]),
      new Gauge('leqi_websocket_connections', 'Open graphql-ws connections on this instance', () => [
        { value: sources.websocketConnections?.() ?? 0 },
      ]),
      new Gauge('leqi_db_pool_connections', 'PostgreSQL pool connections by state', () => {
        const pool = sources.dbPool?.();
        if (!pool) return [];
        return [
          { labels: { state: 'total' }, value: pool.total },
          { labels: { state: 'idle' }, value: pool.idle },
          { labels: { state: 'waiting' }, value: pool.waiting },
        ];
      }),
      new Gauge('leqi_process_resident_memory_bytes', 'Resident memory', () => [{ value: memory.rss }]),
      new Gauge('leqi_process_heap_used_bytes', 'JavaScript heap in use (V8)', () => [{ value: memory.heapUsed }]),
      new Gauge('leqi_process_uptime_seconds', 'Process uptime', () => [{ value: process.uptime() }]),
    ];
    const all: Metric[] = [
      this.httpRequests,
      this.httpDuration,
      this.transitions,
      this.busPublishes,
      this.dbQueries,
      this.directAnswers,
      this.workbookBuilds,
      ...gauges,
    ];
    return `${all.map((metric) => metric.render()).join('\n')}\n`;
  }
}
