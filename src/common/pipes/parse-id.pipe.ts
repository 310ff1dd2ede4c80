import { ArgumentMetadata, Injectable, ParseUUIDPipe, PipeTransform } from '@nestjs/common';

/**
 * A UUID path parameter in any case, as the id it names: ids are stored lower-case and compared
 * exactly (PostgreSQL, SQLite), so `/leads/01A2…` would otherwise be a 404 for an existing lead.
 * Malformed ids stay a 400.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, Promise<string>> {
  private readonly uuid = new ParseUUIDPipe();

  async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await this.uuid.transform(value, metadata)).toLowerCase();
  }
}
