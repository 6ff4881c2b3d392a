/**
 * A person's name for the browser and system a session signed in from, read from its User-Agent
 * (a hint the browser gives, not proof): "Firefox on Linux". Unknown parts say so.
 */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const ua = userAgent;
  const browser = /Edg(?:e|A|iOS)?\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /Firefox\/|FxiOS\//.test(ua)
        ? "Firefox"
        : /Chrome\/|CriOS\/|Chromium\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua) && /Version\//.test(ua)
            ? "Safari"
            : /curl\//i.test(ua)
              ? "curl"
              : null;
  const system = /iPhone|iPad|iPod/.test(ua)
    ? "iOS"
    : /Android/.test(ua)
      ? "Android"
      : /CrOS/.test(ua)
        ? "ChromeOS"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /Windows/.test(ua)
            ? "Windows"
            : /Linux|X11/.test(ua)
              ? "Linux"
              : null;
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  return "Unknown device";
}

/**
 * Where a session signed in from, as far as Plinto can tell without a location database: the
 * network address, with loopback and private ranges named as such.
 */
export function locationHint(ipAddress: string | null): string {
  if (!ipAddress) return "Unknown network";
  if (ipAddress === "::1" || ipAddress.startsWith("127.") || ipAddress === "::ffff:127.0.0.1") return `This computer (${ipAddress})`;
  if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|fc|fd)/i.test(ipAddress)) return `A private network (${ipAddress})`;
  return `Network address ${ipAddress}`;
}
