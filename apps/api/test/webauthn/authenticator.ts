import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import type {
  PasskeyAuthenticationOptions,
  PasskeyAuthenticationResponse,
  PasskeyRegistrationOptions,
  PasskeyRegistrationResponse,
} from "@plinto/contracts";
import { encodeCbor } from "./cbor";

/**
 * A software WebAuthn authenticator and client for tests: it answers `navigator.credentials.create()`
 * and `.get()` options the way a browser with a discoverable-credential (resident key) authenticator
 * would, with real bytes that @simplewebauthn/server verifies:
 *
 * - an ES256 (P-256) key pair per credential from node:crypto; the public key as a COSE_Key
 * - `clientDataJSON` with the type, the challenge, the origin (whichever the test says, so a wrong
 *   one can be tried) and crossOrigin false
 * - authenticator data: SHA-256(RP ID) ‖ flags (UP, UV, AT) ‖ signature counter ‖ attested
 *   credential data (AAGUID, credential id, COSE key) at registration
 * - a "none" attestation object (CBOR `{ fmt: "none", attStmt: {}, authData }`)
 * - assertions signed with ECDSA/SHA-256 over authenticatorData ‖ SHA-256(clientDataJSON), DER
 *
 * Every option can be bent per call (origin, RP ID, UV, counter, user handle) to build the answers
 * a relying party must refuse.
 */
interface StoredCredential {
  id: Uint8Array;
  privateKey: KeyObject;
  rpId: string;
  userHandle: string;
  counter: number;
}

export interface CeremonyOptions {
  /** The origin the "browser" puts in clientDataJSON. */
  origin: string;
  /** The RP ID whose hash goes into the authenticator data; the options' RP ID by default. */
  rpId?: string;
  /** Whether the authenticator verified the user (the UV flag). Default: the authenticator's setting. */
  userVerified?: boolean;
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => new Uint8Array(createHash("sha256").update(data).digest());

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

function counterBytes(counter: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, counter);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** The public half of a P-256 key as a COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y. */
function coseKey(privateKey: KeyObject): Uint8Array {
  const jwk = privateKey.export({ format: "jwk" });
  return encodeCbor(
    new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, new Uint8Array(Buffer.from(jwk.x!, "base64url"))],
      [-3, new Uint8Array(Buffer.from(jwk.y!, "base64url"))],
    ]),
  );
}

export class SoftwareAuthenticator {
  readonly credentials: StoredCredential[] = [];
  readonly aaguid: Uint8Array;
  /** Verifies the user (UV) unless told otherwise per call. */
  userVerification: boolean;
  /** "increment": the counter grows by one per assertion; "zero": it stays 0 (as synced passkeys do). */
  counterMode: "increment" | "zero";

  constructor(options: { userVerification?: boolean; counterMode?: "increment" | "zero"; aaguid?: Uint8Array } = {}) {
    this.userVerification = options.userVerification ?? true;
    this.counterMode = options.counterMode ?? "increment";
    this.aaguid = options.aaguid ?? new Uint8Array(16);
  }

  /** Answers registration options with a new discoverable credential (a browser's `startRegistration()`). */
  register(options: PasskeyRegistrationOptions, ceremony: CeremonyOptions & { transports?: string[] }): PasskeyRegistrationResponse {
    const rpId = ceremony.rpId ?? options.rp.id ?? new URL(ceremony.origin).hostname;
    for (const excluded of options.excludeCredentials ?? []) {
      if (this.credentials.some((c) => b64url(c.id) === excluded.id && c.rpId === rpId)) {
        throw new Error("InvalidStateError: the authenticator already holds an excluded credential");
      }
    }
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const id = new Uint8Array(randomBytes(32));
    const credential: StoredCredential = { id, privateKey, rpId, userHandle: options.user.id, counter: 0 };
    this.credentials.push(credential);

    const clientDataJSON = JSON.stringify({ type: "webauthn.create", challenge: options.challenge, origin: ceremony.origin, crossOrigin: false });
    const uv = ceremony.userVerified ?? this.userVerification;
    const idLength = new Uint8Array(2);
    new DataView(idLength.buffer).setUint16(0, id.length);
    const authData = concat(
      sha256(rpId),
      Uint8Array.of(FLAG_UP | (uv ? FLAG_UV : 0) | FLAG_AT),
      counterBytes(0),
      this.aaguid,
      idLength,
      id,
      coseKey(privateKey),
    );
    const attestationObject = encodeCbor({ fmt: "none", attStmt: {}, authData });
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: "public-key",
      response: {
        clientDataJSON: b64url(new TextEncoder().encode(clientDataJSON)),
        attestationObject: b64url(attestationObject),
        transports: ceremony.transports ?? ["internal", "hybrid"],
      },
      authenticatorAttachment: "platform",
      clientExtensionResults: { credProps: { rk: true } },
    };
  }

  /**
   * Answers authentication options (a browser's `startAuthentication()`): with allowCredentials,
   * the first allowed credential it holds; without, its first discoverable credential for the RP
   * ID, returning the user handle it was made with. `credentialId` picks one; `counter` sets the
   * signature counter this assertion reports; `userHandle` replaces the returned handle.
   */
  authenticate(
    options: PasskeyAuthenticationOptions,
    ceremony: CeremonyOptions & { credentialId?: string; counter?: number; userHandle?: string | null },
  ): PasskeyAuthenticationResponse {
    const rpId = ceremony.rpId ?? options.rpId ?? new URL(ceremony.origin).hostname;
    const allowed = options.allowCredentials?.map((c) => c.id);
    const credential = this.credentials.find(
      (c) =>
        (ceremony.credentialId === undefined || b64url(c.id) === ceremony.credentialId) &&
        (allowed === undefined || allowed.length === 0 || allowed.includes(b64url(c.id))) &&
        (ceremony.rpId !== undefined || c.rpId === rpId),
    );
    if (!credential) throw new Error("NotAllowedError: the authenticator holds no matching credential");

    if (ceremony.counter !== undefined) credential.counter = ceremony.counter;
    else if (this.counterMode === "increment") credential.counter += 1;
    const uv = ceremony.userVerified ?? this.userVerification;
    const authenticatorData = concat(sha256(rpId), Uint8Array.of(FLAG_UP | (uv ? FLAG_UV : 0)), counterBytes(credential.counter));
    const clientDataJSON = new TextEncoder().encode(
      JSON.stringify({ type: "webauthn.get", challenge: options.challenge, origin: ceremony.origin, crossOrigin: false }),
    );
    const signature = sign("sha256", concat(authenticatorData, sha256(clientDataJSON)), credential.privateKey);
    const userHandle = ceremony.userHandle === undefined ? credential.userHandle : ceremony.userHandle;
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: "public-key",
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(new Uint8Array(signature)),
        ...(userHandle === null ? {} : { userHandle }),
      },
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
    };
  }
}
