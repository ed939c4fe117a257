/**
 * Membership changes folded in request order with insertion-ordered sets, so each member id
 * costs O(1) and a later operation correctly cancels an earlier one (add then remove = nothing).
 */
export interface MembershipPlan {
  readonly membersToAdd: string[];
  readonly membersToRemove: string[];
  readonly removeAllMembers: boolean;
  readonly replaceMembersWith?: string[];
}

export class MembershipChanges {
  private readonly toAdd = new Set<string>();
  private readonly toRemove = new Set<string>();
  private removeAll = false;
  private replacement: Set<string> | undefined;

  add(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.replacement) {
        this.replacement.add(id);
      } else {
        this.toRemove.delete(id);
        this.toAdd.add(id);
      }
    }
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.replacement) {
        this.replacement.delete(id);
      } else {
        this.toAdd.delete(id);
        // After "remove all" the id is already gone; listing it again would be noise.
        if (!this.removeAll) this.toRemove.add(id);
      }
    }
  }

  clear(): void {
    this.replacement = undefined;
    this.removeAll = true;
    this.toAdd.clear();
    this.toRemove.clear();
  }

  replace(ids: readonly string[]): void {
    this.replacement = new Set(ids);
    this.removeAll = false;
    this.toAdd.clear();
    this.toRemove.clear();
  }

  toPlan(): MembershipPlan {
    return {
      membersToAdd: [...this.toAdd],
      membersToRemove: [...this.toRemove],
      removeAllMembers: this.removeAll,
      ...(this.replacement && { replaceMembersWith: [...this.replacement] }),
    };
  }
}
