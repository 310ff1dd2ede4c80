/** A staff member as the API names them (e.g. who reached out to a lead). */
export interface StaffRef {
  id: string;
  email: string;
  name: string;
}

/** A staff account, as GET /users and GET /users/me return it. */
export interface User extends StaffRef {
  role: 'admin' | 'attorney';
  active: boolean;
}
