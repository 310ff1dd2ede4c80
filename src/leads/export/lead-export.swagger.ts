import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOAuth2,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '../../common/filters/error-response.dto';

export const ApiLeadExport = () =>
  applyDecorators(
    ApiOAuth2([]),
    ApiUnauthorizedResponse({ type: ErrorResponse }),
    ApiOperation({
      summary: 'Export the leads matching the list filters as CSV',
      description:
        'UTF-8 with a byte-order mark, newest first, every match (limit and offset are ignored). ' +
        'Cells that a spreadsheet would run as a formula start with an apostrophe.',
    }),
    ApiProduces('text/csv'),
    ApiOkResponse({
      description: 'The CSV file, as an attachment',
      schema: { type: 'string' },
      headers: {
        'Content-Disposition': { description: 'attachment; filename="leads-YYYY-MM-DD.csv"' },
      },
    }),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'Bad query values' }),
  );
