import { test } from '@japa/runner'
import User from '#core/accounts/models/user'
import { staffCovers } from '#core/authorization/scope'
import { scopeToActor } from '#core/tenancy/school_scope'
import db from '@adonisjs/lucid/services/db'

function actor(attrs: Partial<User>) {
  const user = new User()
  Object.assign(user, { id: 1, kind: 'student', schoolId: 1, college: null, ...attrs })
  return user
}

test.group('School and college scope', () => {
  test('staff cover their own school only', ({ assert }) => {
    const staff = actor({ kind: 'staff', schoolId: 1 })
    assert.isTrue(staffCovers(staff, { schoolId: 1, college: '计算机学院' }))
    assert.isFalse(staffCovers(staff, { schoolId: 2, college: '计算机学院' }))
  })

  test('a college-scoped teacher covers only that college', ({ assert }) => {
    const teacher = actor({ kind: 'staff', schoolId: 1, college: '计算机学院' })
    assert.isTrue(staffCovers(teacher, { schoolId: 1, college: '计算机学院' }))
    assert.isFalse(staffCovers(teacher, { schoolId: 1, college: '外国语学院' }))
  })

  test('students and employers are never staff', ({ assert }) => {
    assert.isFalse(staffCovers(actor({ kind: 'student', schoolId: 1 }), { schoolId: 1 }))
    assert.isFalse(staffCovers(actor({ kind: 'employer', schoolId: null }), { schoolId: 1 }))
  })

  test('list queries on student data are scoped by school (and college)', ({ assert }) => {
    const sql = (user: User) =>
      scopeToActor(db.from('graduates'), user, { college: 'college' }).toQuery()
    assert.match(sql(actor({ kind: 'staff', schoolId: 7 })), /school_id.? = 7/)
    assert.match(
      sql(actor({ kind: 'staff', schoolId: 7, college: '计算机学院' })),
      /college.? = '计算机学院'/
    )
    assert.notInclude(sql(actor({ kind: 'admin', schoolId: null })), 'where')
    assert.include(sql(actor({ kind: 'employer', schoolId: null })), '1 = 0')
  })
})
