// A consumer that passes wrong inputs: `tsc --noEmit` must refuse every line marked "wrong".
import { createHttpClient, Serializer } from "@bluelibs/runner";
import { typedClient } from "@runner-spring/socket-client";
import type { Note, RunnerEvents, RunnerTasks } from "./runner-types.js";

export async function misuseTheSampleApp(baseUrl: string, token: string): Promise<void> {
  const notes = typedClient<RunnerTasks, RunnerEvents>(createHttpClient({ baseUrl, auth: { token }, serializer: new Serializer() }));
  await notes.task("notes.create", { title: 42 }); // wrong: a number where the title is a string
  await notes.task("notes.create", { body: "no title" }); // wrong: the title is required
  await notes.task("notes.create", { title: "t", remindAt: "tomorrow" }); // wrong: a string where a Date goes
  await notes.task("notes.create", { title: "t", tags: ["a"] }); // wrong: an array where a Set goes
  await notes.task("notes.get", 7); // wrong: the id is a string
  await notes.task("notes.nope", {}); // wrong: no such task
  const count: string = await notes.task("notes.count"); // wrong: the count is a number
  const note: Note = await notes.task("notes.list"); // wrong: the list is an array
  void [count, note];
}
