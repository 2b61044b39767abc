import type { Principal } from '../../../application/identity/principal';
import { ROLE_LABELS } from '../../../domain/case/access.policy';
import { navigationFor, type NavigationItem } from './navigation';

/** A message at the top of the page: what was recorded, or what went wrong with the whole request. */
export interface Notice {
  kind: 'success' | 'error' | 'info';
  title: string;
  lines: string[];
}

/** What every page's layout needs besides its own content. */
export interface PageModel {
  title: string;
  /** Breadcrumb-like context under the title, e.g. the case a form belongs to. */
  subtitle: string | null;
  user: { displayName: string; roleLabel: string } | null;
  /** The session's token, for the sign-out form and every other form on the page. */
  csrfToken: string | null;
  navigation: NavigationItem[];
  notice: Notice | null;
}

export interface PageOptions {
  title: string;
  subtitle?: string | null;
  principal: Principal | null;
  csrfToken: string | null;
  /** The path of the page, to mark the current navigation entry. */
  path: string;
  notice?: Notice | null;
}

export function pageModel(options: PageOptions): PageModel {
  const { principal } = options;
  return {
    title: options.title,
    subtitle: options.subtitle ?? null,
    user: principal === null ? null : { displayName: principal.displayName, roleLabel: ROLE_LABELS[principal.role] },
    csrfToken: options.csrfToken,
    navigation: principal === null ? [] : navigationFor(principal.role, options.path),
    notice: options.notice ?? null,
  };
}
