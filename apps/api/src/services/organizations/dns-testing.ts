/**
 * A real DNS server for tests: UDP on 127.0.0.1 (a free port), answering TXT questions from a map
 * the test changes as it goes; every other question is answered with no records. Only what a
 * resolver (c-ares, behind `node:dns`) needs: one question in, its answers out (RFC 1035 §4.1).
 * dns2's current release needs Node 22 and this is ~80 lines, so no dependency.
 *
 *     const dns = await startDnsServer();
 *     dns.txt.set("_plinto-challenge.acme.example", [["plinto-verification=…"]]);
 *     const resolver = new Resolver(); resolver.setServers([dns.address]);
 */
import { createSocket, type RemoteInfo } from "node:dgram";
import type { AddressInfo } from "node:net";

const TYPE_TXT = 16;
const CLASS_IN = 1;

export interface DnsServer {
  /** `127.0.0.1:<port>`, for `Resolver#setServers`. */
  address: string;
  /** TXT records by lowercase name: each record is its strings. A name absent here is NXDOMAIN. */
  txt: Map<string, string[][]>;
  /** Names asked for, in order (lowercase). */
  questions: string[];
  close(): Promise<void>;
}

function readName(message: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  while (at < message.length) {
    const length = message[at]!;
    if (length === 0) return { name: labels.join("."), end: at + 1 };
    if ((length & 0xc0) !== 0) throw new Error("compressed names do not occur in questions");
    labels.push(message.subarray(at + 1, at + 1 + length).toString("latin1"));
    at += 1 + length;
  }
  throw new Error("truncated name");
}

function txtData(strings: string[]): Buffer {
  const parts: Buffer[] = [];
  for (const text of strings) {
    const bytes = Buffer.from(text, "utf8");
    for (let i = 0; i === 0 || i < bytes.length; i += 255) {
      const chunk = bytes.subarray(i, i + 255);
      parts.push(Buffer.from([chunk.length]), chunk);
    }
  }
  return Buffer.concat(parts);
}

/** The answer to one query: same id and question, the TXT records or NXDOMAIN. */
function answer(query: Buffer, txt: Map<string, string[][]>, questions: string[]): Buffer | undefined {
  if (query.length < 12 || query.readUInt16BE(4) !== 1) return undefined;
  const { name, end } = readName(query, 12);
  const type = query.readUInt16BE(end);
  const question = query.subarray(12, end + 4);
  const lower = name.toLowerCase();
  questions.push(lower);
  const records = txt.get(lower);
  const answers = type === TYPE_TXT && records ? records : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  // QR, the query's opcode and RD, AA, RA; rcode 3 (NXDOMAIN) for a name we know nothing of.
  const flags = 0x8000 | (query.readUInt16BE(2) & 0x7900) | 0x0400 | 0x0080 | (records ? 0 : 3);
  header.writeUInt16BE(flags, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const rrs = answers.map((strings) => {
    const data = txtData(strings);
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    rr.writeUInt16BE(TYPE_TXT, 2);
    rr.writeUInt16BE(CLASS_IN, 4);
    rr.writeUInt32BE(0, 6); // TTL 0: a test changes records between lookups
    rr.writeUInt16BE(data.length, 10);
    return Buffer.concat([rr, data]);
  });
  return Buffer.concat([header, question, ...rrs]);
}

export async function startDnsServer(): Promise<DnsServer> {
  const socket = createSocket("udp4");
  const txt = new Map<string, string[][]>();
  const questions: string[] = [];
  socket.on("message", (message: Buffer, from: RemoteInfo) => {
    let reply: Buffer | undefined;
    try {
      reply = answer(message, txt, questions);
    } catch {
      reply = undefined;
    }
    if (reply) socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => resolve());
  });
  const { port } = socket.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    txt,
    questions,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
