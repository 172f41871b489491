/** The SDK's name and version, sent as `User-Agent` and `X-Aduan-Client` (kept equal to sdk/package.json by a test). */
export const SDK_NAME = 'aduan-sdk';
export const SDK_VERSION = '1.0.0';
