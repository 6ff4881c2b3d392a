import { describe, expect, it } from "vitest";
import { deviceName, locationHint } from "./devices";

describe("deviceName", () => {
  it("names the browser and the system from common User-Agents", () => {
    expect(deviceName("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")).toBe("Chrome on Linux");
    expect(deviceName("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0")).toBe("Edge on Windows");
    expect(deviceName("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15")).toBe("Safari on macOS");
    expect(deviceName("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")).toBe("Safari on iOS");
    expect(deviceName("Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0")).toBe("Firefox on Android");
  });

  it("says what it does not know", () => {
    expect(deviceName(null)).toBe("Unknown device");
    expect(deviceName("SomeBot/1.0")).toBe("Unknown device");
    expect(deviceName("curl/8.5.0")).toBe("curl");
  });
});

describe("locationHint", () => {
  it("names loopback and private networks, and shows other addresses as they are", () => {
    expect(locationHint("127.0.0.1")).toBe("This computer (127.0.0.1)");
    expect(locationHint("192.168.1.20")).toBe("A private network (192.168.1.20)");
    expect(locationHint("203.0.113.7")).toBe("Network address 203.0.113.7");
    expect(locationHint(null)).toBe("Unknown network");
  });
});
