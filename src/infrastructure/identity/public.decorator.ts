import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'kim:public';

/** Opens a route to callers without a session: sign-in, health probes. Everything else requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
