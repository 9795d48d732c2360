/** Runs once before the suite. (UI tests add the renderer build here.) */
export default async function setup(): Promise<void> {}
