// A consumer that uses the sample app's published declarations correctly: `tsc --noEmit` must accept it.
import { createHttpClient, Serializer } from "@bluelibs/runner";
import { createHttpSmartClient } from "@bluelibs/runner/node";
import { createSocketClient, typedClient } from "@runner-spring/socket-client";
import type { Note, NoteStats, RunnerEvents, RunnerTasks, StoredFile } from "./runner-types.js";

export async function useTheSampleApp(baseUrl: string, token: string): Promise<void> {
  const serializer = new Serializer();
  const notes = typedClient<RunnerTasks, RunnerEvents>(createHttpClient({ baseUrl, auth: { token }, serializer }));

  const note: Note = await notes.task("notes.create", {
    title: "typed",
    body: null,
    tags: new Set(["a", "b"]),
    remindAt: new Date(),
  });
  const minimal: Note = await notes.task("notes.create", { title: "only a title" });
  const createdAt: Date = note.createdAt;
  const tags: Set<string> = minimal.tags;
  const again: Note = await notes.task("notes.get", note.id);
  const all: Note[] = await notes.task("notes.list");
  const count: number = await notes.task("notes.count");
  const stats: NoteStats = await notes.task("notes.stats");
  const files: StoredFile[] = await notes.task("files.list");
  await notes.event("notes.events.created", { id: again.id });
  const final: Record<string, unknown> = await notes.eventWithResult("notes.events.created", { id: again.id });

  const smart = typedClient<RunnerTasks, RunnerEvents>(createHttpSmartClient({ baseUrl, auth: { token }, serializer }));
  const echoed: unknown = await smart.task("notes.echo", { anything: [1, "two"] });

  const connection = createSocketClient({ url: baseUrl.replace(/^http/, "ws") + "/ws", token, serializer });
  const socket = typedClient<RunnerTasks, RunnerEvents>(connection);
  const viaSocket: string = await socket.task("notes.slowEcho", "hi");
  connection.close();

  void [createdAt, tags, all, count, stats, files, echoed, viaSocket, final];
}
