import type { DatasetSource } from '../dataset';

/** The names the API gives a group's region, programme and channel (the same loaders). */
export async function regionName(source: DatasetSource, code: string | null): Promise<string | null> {
  return code ? (await source.ctx.loaders.regionByCodeLoader.load(code))?.name ?? null : null;
}
export async function programName(source: DatasetSource, code: string | null): Promise<string | null> {
  return code ? (await source.ctx.loaders.programByCodeLoader.load(code))?.name ?? null : null;
}
export async function channelName(source: DatasetSource, code: string | null): Promise<string | null> {
  return code ? (await source.ctx.loaders.channelByCodeLoader.load(code))?.name ?? null : null;
}
