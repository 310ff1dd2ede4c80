import type { UserRole } from '../users/user.entity';

/** Claims we put in an access token, besides iat/exp/iss/aud. `ver` is the user's token version. */
export interface JwtPayload {
  sub: string;
  role: UserRole;
  ver: number;
}
