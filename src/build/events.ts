/** What a build reports as it goes; the CLI shows it live, as plain lines, or as JSON. */
export type BuildEvent =
  | { event: 'start'; clients: number; pdf: boolean }
  /** `valid` and `failed` count only the clients read and validated; `unchanged` ones were skipped unread. */
  | { event: 'validate'; ms: number; valid: number; failed: number; unchanged: number }
  /** With --shard: how many of the clients this shard builds, and how many fell to the other shards. */
  | { event: 'shard'; index: number; count: number; clients: number; others: number }
  | { event: 'client-start'; client: string; index: number; total: number }
  | {
      event: 'stage';
      client: string;
      stage: 'render' | 'site' | 'pdf' | 'docx' | 'publish' | 'versions';
      ms: number;
      pdfs?: number /** Clients built in the same Astro run (the site stage's time is shared out). */;
      batch?: number;
    }
  | { event: 'pdf'; client: string; file: string; done: number; total: number }
  | { event: 'client'; client: string; status: 'built' | 'unchanged' | 'failed'; ms: number }
  | { event: 'note'; client: string; message: string }
  | {
      event: 'done';
      built: number;
      unchanged: number;
      failed: number;
      ms: number;
      prints: number;
      /** Binder prints not kept: the page numbers they showed were not their own (src/pdf/numbered.ts). */
      numberingPrints: number;
      /** Parts of binders printed (src/pdf/parts.ts); the rest of each binder came from its previous build. */
      partPrints: number;
      /** PDFs whose print input was unchanged, kept from the previous build instead of printed. */
      kept: number;
    };

/** Receives build events. */
export type Reporter = (e: BuildEvent) => void;
