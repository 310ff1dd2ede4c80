import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/decorators/roles.decorator';
import { setPageHeaders } from '../common/pagination/page-headers';
import { PaginationQueryDto } from '../common/pagination/pagination-query.dto';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ConflictPartiesService } from './conflict-parties.service';
import {
  ApiConflictPartyCreate,
  ApiConflictPartyDelete,
  ApiConflictPartyList,
} from './conflict-parties.swagger';
import {
  ConflictPartyResponse,
  CreateConflictPartyDto,
  toConflictPartyResponse,
} from './dto/conflict-party.dto';

@ApiTags('conflict-parties')
@Roles('admin')
@Controller('conflict-parties')
export class ConflictPartiesController {
  constructor(private readonly parties: ConflictPartiesService) {}

  @Get()
  @ApiConflictPartyList()
  async list(
    @Query() page: PaginationQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConflictPartyResponse[]> {
    const [items, total] = await this.parties.list(page);
    setPageHeaders(res, '/conflict-parties', {}, { ...page, total });
    return items.map(toConflictPartyResponse);
  }

  @Post()
  @ApiConflictPartyCreate()
  async create(@Body() body: CreateConflictPartyDto): Promise<ConflictPartyResponse> {
    return toConflictPartyResponse(await this.parties.create(body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiConflictPartyDelete()
  async remove(@Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.parties.remove(id);
  }
}
