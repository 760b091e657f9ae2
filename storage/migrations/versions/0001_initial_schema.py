"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-30 17:19:54.511989
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('actor', sa.String(length=300), nullable=False),
    sa.Column('action', sa.String(length=100), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('result', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_created_at'), ['created_at'], unique=False)

    op.create_table('conversation_state',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_conversation_state'))
    )
    op.create_table('faq_entries',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('alternates', sa.JSON(), nullable=False),
    sa.Column('category', sa.String(length=100), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_faq_entries'))
    )
    op.create_table('meta',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_meta'))
    )
    op.create_table('outbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('destination', sa.JSON(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('dedupe_key', sa.String(length=300), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.String(length=100), nullable=False),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_outbox_dedupe_key'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_due', ['status', 'next_attempt_at'], unique=False)

    op.create_table('people',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('slack_id', sa.String(length=64), nullable=True),
    sa.Column('teams_id', sa.String(length=64), nullable=True),
    sa.Column('teams_user_id', sa.String(length=200), nullable=True),
    sa.Column('local_id', sa.String(length=64), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('local_id', name=op.f('uq_people_local_id')),
    sa.UniqueConstraint('slack_id', name=op.f('uq_people_slack_id')),
    sa.UniqueConstraint('teams_id', name=op.f('uq_people_teams_id')),
    sa.UniqueConstraint('teams_user_id', name=op.f('uq_people_teams_user_id'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_department'), ['department'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_role'), ['role'], unique=False)

    op.create_table('phrasing_suggestions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('entry_id', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('normalized', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('log_id', sa.Integer(), nullable=True),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phrasing_suggestions')),
    sa.UniqueConstraint('entry_id', 'normalized', name='uq_suggestion_entry_text')
    )
    with op.batch_alter_table('phrasing_suggestions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phrasing_suggestions_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_phrasing_suggestions_status'), ['status'], unique=False)

    op.create_table('processed_events',
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_processed_events'))
    )
    with op.batch_alter_table('processed_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processed_events_expires_at'), ['expires_at'], unique=False)

    op.create_table('synonym_groups',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('terms', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_synonym_groups'))
    )
    op.create_table('conversation_refs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('platform', sa.String(length=20), nullable=False),
    sa.Column('conversation_id', sa.String(length=300), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('is_personal', sa.Integer(), nullable=False),
    sa.Column('reference', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_conversation_refs_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation_refs')),
    sa.UniqueConstraint('conversation_id', name=op.f('uq_conversation_refs_conversation_id'))
    )
    with op.batch_alter_table('conversation_refs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversation_refs_person_id'), ['person_id'], unique=False)

    op.create_table('question_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('top_entry_id', sa.String(length=64), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('feedback', sa.String(length=20), nullable=False),
    sa.Column('resolved_entry_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_question_log_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_log'))
    )
    with op.batch_alter_table('question_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_log_created_at'), ['created_at'], unique=False)

    op.create_table('unanswered_questions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('log_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('destination', sa.String(length=200), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('answered_by', sa.Integer(), nullable=True),
    sa.Column('faq_entry_id', sa.String(length=64), nullable=False),
    sa.Column('platform', sa.String(length=20), nullable=False),
    sa.Column('conversation', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_unanswered_questions_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unanswered_questions'))
    )
    with op.batch_alter_table('unanswered_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unanswered_questions_status'), ['status'], unique=False)

    


def downgrade() -> None:
    
    with op.batch_alter_table('unanswered_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unanswered_questions_status'))

    op.drop_table('unanswered_questions')
    with op.batch_alter_table('question_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_log_created_at'))

    op.drop_table('question_log')
    with op.batch_alter_table('conversation_refs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversation_refs_person_id'))

    op.drop_table('conversation_refs')
    op.drop_table('synonym_groups')
    with op.batch_alter_table('processed_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processed_events_expires_at'))

    op.drop_table('processed_events')
    with op.batch_alter_table('phrasing_suggestions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phrasing_suggestions_status'))
        batch_op.drop_index(batch_op.f('ix_phrasing_suggestions_entry_id'))

    op.drop_table('phrasing_suggestions')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_role'))
        batch_op.drop_index(batch_op.f('ix_people_email'))
        batch_op.drop_index(batch_op.f('ix_people_department'))

    op.drop_table('people')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_due')

    op.drop_table('outbox')
    op.drop_table('meta')
    op.drop_table('faq_entries')
    op.drop_table('conversation_state')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_created_at'))

    op.drop_table('audit_log')
    
