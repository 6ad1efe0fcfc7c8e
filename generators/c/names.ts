/**
 * Every file-scope C identifier the headers define, corpus-wide: any two generated headers may be
 * included together, so a name the generator invents (a shift macro, a call wrapper) must not
 * collide with one the model defines or another invented one. The checker already keeps model
 * names unique; this catches what the generator adds on top.
 */
export class NameRegistry {
  private readonly owners = new Map<string, string>();

  constructor(readonly warn: (message: string) => void) {}

  /** Records a name the model defines (constants, struct tags, …). Duplicates are the checker's job. */
  reserve(name: string, owner: string): void {
    if (!this.owners.has(name)) this.owners.set(name, owner);
  }

  has(name: string): boolean {
    return this.owners.has(name);
  }

  /**
   * Claims a name the generator invents; false (and a warning) when it is taken, and the caller
   * leaves the definition out so the header still compiles.
   */
  claim(name: string, owner: string): boolean {
    const taken = this.owners.get(name);
    if (taken !== undefined) {
      this.warn(`C: ${owner} would define ${name}, which ${taken} already defines; left out`);
      return false;
    }
    this.owners.set(name, owner);
    return true;
  }
}
