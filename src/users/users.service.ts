import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { v7 as uuidv7 } from 'uuid';
import { EntityManager, Repository } from 'typeorm';
import { isUniqueViolation } from '../database/db-errors';
import { Dialect } from '../database/dialect';
import { TransactionRunner } from '../database/transaction-runner';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
    private readonly tx: TransactionRunner,
    private readonly dialect: Dialect,
  ) {}

  async create(input: CreateUserDto): Promise<User> {
    const now = new Date();
    const user = this.users.create({
      id: uuidv7(),
      email: input.email.trim().toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash: await this.hasher.hash(input.password),
      active: true,
      acceptsLeads: true,
      lastAssignedAt: null,
      tokenVersion: 0,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.tx.run((em) => em.insert(User, user));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictException('A user with this email already exists');
      }
      throw error;
    }
    return user;
  }

  list(): Promise<User[]> {
    return this.users.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException('User not found');
    return user;
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase() });
  }

  count(): Promise<number> {
    return this.users.count();
  }

  async activeAdminEmails(): Promise<string[]> {
    const rows = await this.users.find({
      select: { email: true },
      where: { role: 'admin', active: true },
      order: { email: 'ASC' },
    });
    return rows.map((r) => r.email);
  }

  /**
   * Applies an admin's change. A new password or deactivation bumps the token version, which
   * revokes every token issued before it. Nobody may remove the last active admin (demote or
   * deactivate it): the firm would be left without anyone who can manage users.
   */
  async update(id: string, change: UpdateUserDto): Promise<User> {
    const passwordHash = change.password ? await this.hasher.hash(change.password) : undefined;
    return this.tx.run(async (em) => {
      const user = await em.findOneBy(User, { id });
      if (!user) throw new NotFoundException('User not found');
      const removesAdmin =
        user.active &&
        user.role === 'admin' &&
        (change.active === false || (change.role !== undefined && change.role !== 'admin'));
      if (removesAdmin && (await this.otherActiveAdmins(em, id)) === 0) {
        throw new ConflictException('The last active admin cannot be demoted or deactivated');
      }
      const revokes =
        passwordHash !== undefined || (change.active === false && user.active) || change.role;
      if (change.name !== undefined) user.name = change.name;
      if (change.role !== undefined) user.role = change.role;
      if (change.active !== undefined) user.active = change.active;
      if (change.accepts_leads !== undefined) user.acceptsLeads = change.accepts_leads;
      if (passwordHash !== undefined) user.passwordHash = passwordHash;
      if (revokes) user.tokenVersion += 1;
      user.updatedAt = new Date();
      await em.save(User, user);
      return user;
    });
  }

  /** Same password, new hash (a changed BCRYPT_COST); tokens stay valid. */
  async replacePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.tx.run((em) => em.update(User, { id }, { passwordHash }));
  }

  /**
   * Active admins besides `id`. On PostgreSQL their rows are locked until the transaction ends,
   * so two admins demoting each other at once cannot both succeed (SQLite runs one write at a
   * time anyway).
   */
  private async otherActiveAdmins(em: EntityManager, id: string): Promise<number> {
    const query = em
      .createQueryBuilder(User, 'u')
      .select('u.id')
      .where("u.role = 'admin' AND u.active = :active AND u.id <> :id", { active: true, id });
    return (await this.dialect.lockRows(query).getMany()).length;
  }

  async setPassword(email: string, password: string): Promise<User> {
    const user = await this.findByEmail(email);
    if (!user) throw new NotFoundException('User not found');
    return this.update(user.id, { password });
  }
}
