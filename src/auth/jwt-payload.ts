import type { UserRole } from '../users/user.entity';

/**
 * Claims we put in an access token, besides iat/exp/iss/aud. `ver` is the user's token version;
 * `sid` names the session (revoked by sign-out).
 */
export interface JwtPayload {
  sub: string;
  role: UserRole;
  ver: number;
  sid: string;
}
