// Opens the sample app's live board (static/board.html) in two headless Chromium pages, driven by playwright-core
// with Debian's chromium (never a downloaded browser), and checks that each page sees what the other says and the
// notes created over HTTP. Usage: node browser.mjs <base url> <token>; CHROMIUM overrides /usr/bin/chromium.
import { chromium } from "playwright-core";

const [baseUrl, token] = process.argv.slice(2);
const origin = new URL(baseUrl).origin;
const board = `${origin}/board.html#token=${encodeURIComponent(token)}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless=new"],
});
try {
  const context = await browser.newContext();
  const [alice, bob] = [await context.newPage(), await context.newPage()];
  for (const page of [alice, bob]) {
    page.on("pageerror", (error) => console.log("page error: " + error.message));
    await page.goto(board);
    await page.waitForSelector("body[data-subscribed=true]", { timeout: 10_000 });
  }
  console.log("ok both pages connected and subscribed");

  await alice.fill("#name", "Alice");
  await alice.fill("#text", "hello from Alice");
  await alice.click("button");
  await bob.waitForSelector("#lines li >> text=Alice: hello from Alice", { timeout: 5_000 });
  console.log("ok Bob's page sees Alice's line");

  await bob.fill("#name", "Bob");
  await bob.fill("#text", "hi Alice");
  await bob.click("button");
  await alice.waitForSelector("#lines li >> text=Bob: hi Alice", { timeout: 5_000 });
  console.log("ok Alice's page sees Bob's line");

  const response = await fetch(`${baseUrl}/event/notes.events.created`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-runner-token": token },
    body: JSON.stringify({ payload: { title: "from HTTP" } }),
  });
  if (!response.ok) throw new Error("event over HTTP failed: " + response.status);
  for (const page of [alice, bob]) {
    await page.waitForSelector("#lines li >> text=new note: from HTTP", { timeout: 5_000 });
  }
  console.log("ok both pages see the note created over HTTP");
  console.log("browser checks passed");
} finally {
  await browser.close();
}
