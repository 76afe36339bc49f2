import { Queue, Worker, type ConnectionOptions } from 'bullmq';

export const IMPORT_QUEUE = 'lead-list-import';

export interface ImportJobData {
  importJobId: number;
}

function connection(redisUrl: string): ConnectionOptions {
  const u = new URL(redisUrl);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    password: u.password || undefined,
    maxRetriesPerRequest: null,
  };
}

export function createImportQueue(redisUrl: string) {
  const queue = new Queue<ImportJobData>(IMPORT_QUEUE, { connection: connection(redisUrl) });
  return {
    // jobId = import job id: enqueueing twice is a no-op (idempotent).
    enqueue: async (importJobId: number) => {
      await queue.add(
        'import',
        { importJobId },
        { jobId: `import-${importJobId}`, removeOnComplete: 1000, removeOnFail: 1000, attempts: 1 },
      );
    },
    close: () => queue.close(),
  };
}

export function createImportWorker(
  redisUrl: string,
  run: (importJobId: number, progress: (n: number) => Promise<void>) => Promise<void>,
) {
  return new Worker<ImportJobData>(
    IMPORT_QUEUE,
    async (job) => {
      await run(job.data.importJobId, (n) => job.updateProgress(n));
    },
    { connection: connection(redisUrl), concurrency: 1 },
  );
}
